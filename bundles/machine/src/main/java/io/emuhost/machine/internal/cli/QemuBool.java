package io.emuhost.machine.internal.cli;

import java.util.Map;

/** QemuOpts booleans ({@code qapi_bool_parse}): on/yes/true/y and off/no/false/n. */
final class QemuBool {

    private QemuBool() {
    }

    /**
     * Reads a boolean option.
     *
     * @param location the option as written, for the error
     * @param values the option's keys and values
     * @param key the key
     * @param absent the value when the key is not given
     * @return the value
     * @throws CommandLineException {@code Parameter 'key' expects 'on' or 'off'}
     */
    static boolean get(String location, Map<String, String> values, String key, boolean absent)
            throws CommandLineException {
        String value = values.get(key);
        if (value == null) {
            return absent;
        }
        return switch (value) {
            case "on", "yes", "true", "y" -> true;
            case "off", "no", "false", "n" -> false;
            default -> throw new CommandLineException(location, "Parameter '" + key + "' expects 'on' or 'off'");
        };
    }
}
