package io.emuhost.cli.internal.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One {@code -object} or {@code -device} option, split but not yet typed.
 *
 * @param option the option as written, e.g. {@code -object}
 * @param argument its argument as written
 * @param type the QOM type or device driver
 * @param properties the other keys and values, in the order written
 */
public record CreateRequest(String option, String argument, String type, Map<String, String> properties) {

    /**
     * Copies the properties so the record stays immutable.
     *
     * @param option option
     * @param argument argument
     * @param type type
     * @param properties properties
     */
    public CreateRequest {
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    }

    /**
     * The location QEMU prefixes to errors about this option.
     *
     * @return {@code <option> <argument>}
     */
    public String location() {
        return option + " " + argument;
    }
}
