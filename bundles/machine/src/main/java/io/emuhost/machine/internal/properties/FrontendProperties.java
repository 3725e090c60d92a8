package io.emuhost.machine.internal.properties;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.OnOffAuto;
import io.emuhost.api.device.Properties;
import io.emuhost.api.machine.Frontend;
import io.emuhost.syntax.MalformedNumberException;
import io.emuhost.syntax.QemuBool;
import io.emuhost.syntax.QemuNumbers;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Properties with the syntax and wording of the front end they came from (reference §1.2, §1.6):
 * <ul>
 * <li>{@link Frontend#COMMAND_LINE} and {@link Frontend#HMP}: keyval strings. A key mapped to
 *     {@code null} is QemuOpts' deprecated short form ({@code share} alone): it reads as
 *     {@code on} and is warned about once, here.</li>
 * <li>{@link Frontend#QMP}: JSON-typed values ({@code String}, {@code Long}/{@code Integer}/
 *     {@code BigInteger}, {@code Boolean}); no string conversion.</li>
 * <li>{@link Frontend#CONFIGURATION}: strings parsed as on the command line, or typed values.</li>
 * </ul>
 * {@link #warn} prints {@code warning: <msg>} on the diagnostics stream; a front end that wants
 * QEMU's program prefix ({@code qemu-system-x86_64: warning: ...}) wraps that stream.
 */
public final class FrontendProperties implements Properties {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private final Map<String, Object> values = new LinkedHashMap<>();
    private final Frontend frontend;
    private final PrintStream diagnostics;

    /**
     * Wraps the values of one request.
     *
     * @param values the properties as the front end parsed them
     * @param frontend where they came from
     * @param diagnostics where warnings go
     */
    public FrontendProperties(Map<String, ?> values, Frontend frontend, PrintStream diagnostics) {
        this.frontend = frontend;
        this.diagnostics = diagnostics;
        values.forEach((key, value) -> {
            if (value == null && frontend != Frontend.QMP) {
                warn("short-form boolean option '" + key + "' deprecated");
                diagnostics.println("Please use " + key + "=on instead");
                this.values.put(key, "on");
            } else {
                this.values.put(key, value);
            }
        });
    }

    @Override
    public boolean has(String name) {
        return values.containsKey(name);
    }

    @Override
    public String string(String name) throws ConfigurationException {
        return optionalString(name).orElseThrow(() -> missing(name));
    }

    @Override
    public Optional<String> optionalString(String name) throws ConfigurationException {
        Object value = values.get(name);
        rejectJsonNull(name, value, "string");
        if (value == null || value instanceof String) {
            return Optional.ofNullable((String) value);
        }
        if (frontend == Frontend.QMP) {
            throw invalidType(name, "string");
        }
        return Optional.of(String.valueOf(value));
    }

    @Override
    public OptionalLong size(String name) throws ConfigurationException {
        Object value = values.get(name);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value instanceof String text && frontend != Frontend.QMP) {
            try {
                return OptionalLong.of(QemuNumbers.strtosz(text, this::warn));
            } catch (MalformedNumberException e) {
                throw expects(name, frontend == Frontend.HMP ? "size" : "a size value");
            }
        }
        return OptionalLong.of(typedUnsigned(name, value));
    }

    @Override
    public OptionalLong uint64(String name) throws ConfigurationException {
        Object value = values.get(name);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value instanceof String text && frontend != Frontend.QMP) {
            try {
                return OptionalLong.of(QemuNumbers.strtou64(text, 0));
            } catch (MalformedNumberException e) {
                throw expects(name, "integer");
            }
        }
        return OptionalLong.of(typedUnsigned(name, value));
    }

    /** A JSON integer for a uint64 member; negative values wrap, as QEMU's QObject visitor allows. */
    private long typedUnsigned(String name, Object value) throws ConfigurationException {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof BigInteger big && big.signum() >= 0 && big.compareTo(TWO_64) < 0) {
            return big.longValue();
        }
        throw expects(name, "uint64");
    }

    @Override
    public boolean bool(String name, boolean defaultValue) throws ConfigurationException {
        Object value = values.get(name);
        rejectJsonNull(name, value, "boolean");
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        if (value instanceof String text && frontend != Frontend.QMP) {
            return QemuBool.parse(text).orElseThrow(() -> expects(name, "'on' or 'off'"));
        }
        throw frontend == Frontend.QMP ? invalidType(name, "boolean") : expects(name, "'on' or 'off'");
    }

    @Override
    public OnOffAuto onOffAuto(String name) throws ConfigurationException {
        Optional<String> value = optionalString(name);
        if (value.isEmpty()) {
            return OnOffAuto.AUTO;
        }
        return switch (value.get()) {
            case "on" -> OnOffAuto.ON;
            case "off" -> OnOffAuto.OFF;
            case "auto" -> OnOffAuto.AUTO;
            default -> throw new ConfigurationException(
                    "Parameter '" + name + "' does not accept value '" + value.get() + "'");
        };
    }

    @Override
    public void warn(String message) {
        diagnostics.println("warning: " + message);
    }

    private static ConfigurationException missing(String name) {
        return new ConfigurationException("Parameter '" + name + "' is missing");
    }

    /** QMP: an explicit JSON null is a type error (qapi/qobject-input-visitor.c), not an absent member. */
    private void rejectJsonNull(String name, Object value, String expected) throws ConfigurationException {
        if (value == null && frontend == Frontend.QMP && values.containsKey(name)) {
            throw invalidType(name, expected);
        }
    }

    /** QEMU 7.2's QMP wording for a member of the wrong JSON type. */
    private static ConfigurationException invalidType(String name, String expected) {
        return new ConfigurationException("Invalid parameter type for '" + name + "', expected: " + expected);
    }

    private static ConfigurationException expects(String name, String what) {
        return new ConfigurationException("Parameter '" + name + "' expects " + what);
    }
}
