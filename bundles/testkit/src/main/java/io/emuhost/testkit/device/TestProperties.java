package io.emuhost.testkit.device;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.OnOffAuto;
import io.emuhost.api.device.Properties;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@link Properties} over a map of strings, with the command line's (keyval) syntax and QEMU's
 * error wording: sizes are decimal or {@code 0x} hex with an optional B/K/M/G/T/P/E suffix
 * (powers of 1024; a decimal fraction only with a suffix), {@code uint64} values are plain
 * decimal or hex, booleans are on/off, yes/no, true/false or y/n. Warnings are kept in a list.
 */
public final class TestProperties implements Properties {

    private static final Pattern SIZE = Pattern.compile(
            "(?<hex>0[xX][0-9a-fA-F]+)(?<hexsuffix>[BbKkMmGgTtPpEe])?"
            + "|(?<dec>[0-9]+(?:\\.[0-9]+)?)(?<suffix>[BbKkMmGgTtPpEe])?");
    private static final Pattern UINT64 = Pattern.compile("(?<neg>-)?(?:0[xX](?<hex>[0-9a-fA-F]+)|(?<dec>[0-9]+))");
    private static final BigInteger UINT64_LIMIT = BigInteger.ONE.shiftLeft(64);
    private static final String SUFFIXES = "BKMGTPE";

    private final Map<String, String> values;
    private final List<String> warnings = new CopyOnWriteArrayList<>();

    /**
     * Creates properties from a map.
     *
     * @param values property names to their string values
     */
    public TestProperties(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    /**
     * Creates properties from name/value pairs.
     *
     * @param keyValuePairs {@code name1, value1, name2, value2, ...}
     * @return the properties
     * @throws IllegalArgumentException if a value is missing or a name repeats
     */
    public static TestProperties of(String... keyValuePairs) {
        if (keyValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of arguments: " + keyValuePairs.length);
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValuePairs.length; i += 2) {
            if (map.put(keyValuePairs[i], keyValuePairs[i + 1]) != null) {
                throw new IllegalArgumentException("duplicate property: " + keyValuePairs[i]);
            }
        }
        return new TestProperties(map);
    }

    /**
     * The warnings reported through {@link #warn}, oldest first.
     *
     * @return an immutable copy
     */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public boolean has(String name) {
        return values.containsKey(name);
    }

    @Override
    public String string(String name) throws ConfigurationException {
        String value = values.get(name);
        if (value == null) {
            throw new ConfigurationException("Parameter '" + name + "' is missing");
        }
        return value;
    }

    @Override
    public Optional<String> optionalString(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public OptionalLong size(String name) throws ConfigurationException {
        String text = values.get(name);
        if (text == null) {
            return OptionalLong.empty();
        }
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw expects(name, "a size value");
        }
        BigDecimal number;
        String suffix;
        if (m.group("hex") != null) {
            number = new BigDecimal(new BigInteger(m.group("hex").substring(2), 16));
            suffix = m.group("hexsuffix");
            if (suffix != null) {
                warn("Using a multiplier suffix on hex numbers is deprecated: " + text);
            }
        } else {
            suffix = m.group("suffix");
            number = new BigDecimal(m.group("dec"));
            if (suffix == null && number.scale() > 0) {
                throw expects(name, "a size value");
            }
        }
        int shift = suffix == null ? 0 : 10 * SUFFIXES.indexOf(Character.toUpperCase(suffix.charAt(0)));
        BigInteger bytes = number.multiply(new BigDecimal(BigInteger.ONE.shiftLeft(shift))).toBigInteger();
        if (bytes.compareTo(UINT64_LIMIT) >= 0) {
            throw expects(name, "a size value");
        }
        return OptionalLong.of(bytes.longValue());
    }

    @Override
    public OptionalLong uint64(String name) throws ConfigurationException {
        String text = values.get(name);
        if (text == null) {
            return OptionalLong.empty();
        }
        Matcher m = UINT64.matcher(text);
        if (!m.matches()) {
            throw expects(name, "integer");
        }
        BigInteger magnitude = m.group("hex") != null ? new BigInteger(m.group("hex"), 16) : new BigInteger(m.group("dec"));
        if (magnitude.compareTo(UINT64_LIMIT) >= 0) {
            throw expects(name, "integer");
        }
        long value = magnitude.longValue();
        // strtoull semantics, as QEMU's parse_uint: "-1" wraps to 2^64 - 1
        return OptionalLong.of(m.group("neg") != null ? -value : value);
    }

    @Override
    public boolean bool(String name, boolean defaultValue) throws ConfigurationException {
        String text = values.get(name);
        if (text == null) {
            return defaultValue;
        }
        return switch (text) {
            case "on", "yes", "true", "y" -> true;
            case "off", "no", "false", "n" -> false;
            default -> throw expects(name, "'on' or 'off'");
        };
    }

    @Override
    public OnOffAuto onOffAuto(String name) throws ConfigurationException {
        String text = values.get(name);
        if (text == null) {
            return OnOffAuto.AUTO;
        }
        return switch (text) {
            case "on" -> OnOffAuto.ON;
            case "off" -> OnOffAuto.OFF;
            case "auto" -> OnOffAuto.AUTO;
            default -> throw new ConfigurationException(
                    "Parameter '" + name + "' does not accept value '" + text + "'");
        };
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    private static ConfigurationException expects(String name, String what) {
        return new ConfigurationException("Parameter '" + name + "' expects " + what);
    }
}
