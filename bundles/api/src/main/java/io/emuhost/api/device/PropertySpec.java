package io.emuhost.api.device;

import java.util.Optional;

/**
 * One property a factory accepts: its name, type, default and description, as
 * {@code -object TYPE,help} and metatype show them.
 *
 * @param name the property name, e.g. {@code mem-path}
 * @param type the value type
 * @param defaultValue the default as the user would write it, or empty if required or unset
 * @param description one line for the user
 */
public record PropertySpec(String name, PropertyType type, Optional<String> defaultValue, String description) {
}
