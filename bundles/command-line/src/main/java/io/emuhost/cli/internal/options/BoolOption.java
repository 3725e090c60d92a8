package io.emuhost.cli.internal.options;

import io.emuhost.syntax.QemuBool;
import java.util.Map;

/** A boolean key of a QemuOpts option ({@code -chardev ...,server=on}). */
final class BoolOption {

    private BoolOption() {
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
        return QemuBool.parse(value).orElseThrow(
                () -> new CommandLineException(location, "Parameter '" + key + "' expects 'on' or 'off'"));
    }
}
