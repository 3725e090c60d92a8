package io.emuhost.syntax;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An option string split into keys and values.
 *
 * @param values the values by key, in the order written (a repeated key keeps its first position
 *     and its last value); the implied key appears under its own name
 * @param helpWanted whether a bare {@code help} or {@code ?} element was given
 * @param shortForms the deprecated bare booleans, in the order written
 */
public record KeyvalOptions(Map<String, String> values, boolean helpWanted, List<ShortFormBoolean> shortForms) {

    /**
     * Copies the collections so the record stays immutable.
     *
     * @param values values
     * @param helpWanted help
     * @param shortForms short forms
     */
    public KeyvalOptions {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        shortForms = List.copyOf(shortForms);
    }

    /**
     * One value.
     *
     * @param key the key
     * @return the value, or empty
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /**
     * The values without one key, e.g. the properties without the implied type.
     *
     * @param key the key to drop
     * @return a new modifiable map in the written order
     */
    public Map<String, String> without(String key) {
        Map<String, String> rest = new LinkedHashMap<>(values);
        rest.remove(key);
        return rest;
    }
}
