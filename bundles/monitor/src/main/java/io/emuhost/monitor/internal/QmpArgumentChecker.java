package io.emuhost.monitor.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.monitor.ArgumentSpec;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandSpec;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Checks QMP arguments against a command's spec as QEMU 7.2's QObject input visitor does
 * ({@code qapi/qobject-input-visitor.c}): the declared members in order (missing, then wrong
 * type), then the members nobody declared ({@code Parameter 'x' is unexpected}, unless the spec
 * takes extra arguments or has a {@link ArgumentType#KEYVAL} argument, which collects them).
 */
public final class QmpArgumentChecker {

    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    private QmpArgumentChecker() {
    }

    /**
     * Checks and converts the arguments.
     *
     * @param spec the command's spec
     * @param arguments the JSON members (String, Integer/Long/BigInteger, Double, Boolean, Map, List, null)
     * @return the typed arguments
     * @throws ConfigurationException with QEMU's wording
     */
    public static ParsedArguments check(CommandSpec spec, Map<String, Object> arguments)
            throws ConfigurationException {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> rest = new LinkedHashMap<>(arguments);
        boolean collectsRest = spec.extraArguments();
        for (ArgumentSpec argument : spec.arguments()) {
            if (argument.type() == ArgumentType.KEYVAL) {
                collectsRest = true;
                continue;
            }
            if (!rest.containsKey(argument.name())) {
                if (!argument.optional()) {
                    throw new ConfigurationException("Parameter '" + argument.name() + "' is missing");
                }
                continue;
            }
            values.put(argument.name(), convert(argument, rest.remove(argument.name())));
        }
        if (!collectsRest && !rest.isEmpty()) {
            throw new ConfigurationException("Parameter '" + rest.keySet().iterator().next() + "' is unexpected");
        }
        return new ParsedArguments(Frontend.QMP, values, rest);
    }

    private static Object convert(ArgumentSpec argument, Object value) throws ConfigurationException {
        String name = argument.name();
        return switch (argument.type()) {
            case STRING, REST -> {
                if (value instanceof String) {
                    yield value;
                }
                throw invalidType(name, "string");
            }
            case BOOLEAN -> {
                if (value instanceof Boolean) {
                    yield value;
                }
                throw invalidType(name, "boolean");
            }
            case INTEGER -> integer(value).orElseThrow(() -> invalidType(name, "integer"));
            // qobject_input_type_uint64: negative integers are accepted and wrap
            case SIZE -> unsigned(value).orElseThrow(
                    () -> new ConfigurationException("Parameter '" + name + "' expects uint64"));
            case KEYVAL -> throw new IllegalStateException("KEYVAL collects the other members");
        };
    }

    private static Optional<Long> integer(Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
        }
        if (value instanceof BigInteger big && big.bitLength() < Long.SIZE) {
            return Optional.of(big.longValue());
        }
        return Optional.empty();
    }

    private static Optional<Long> unsigned(Object value) {
        if (value instanceof BigInteger big && big.signum() >= 0 && big.compareTo(TWO_64) < 0) {
            return Optional.of(big.longValue());
        }
        return integer(value);
    }

    /** QERR_INVALID_PARAMETER_TYPE. */
    private static ConfigurationException invalidType(String name, String expected) {
        return new ConfigurationException("Invalid parameter type for '" + name + "', expected: " + expected);
    }
}
