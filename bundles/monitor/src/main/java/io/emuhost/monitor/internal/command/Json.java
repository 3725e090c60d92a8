package io.emuhost.monitor.internal.command;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading the JSON-shaped values commands return ({@code Map}, {@code List}, {@code String},
 * {@code Number}, {@code Boolean}), for their HMP formatting.
 */
final class Json {

    private Json() {
    }

    /** An object. */
    static Map<?, ?> object(Object value) {
        return (Map<?, ?>) value;
    }

    /** An array. */
    static List<?> array(Object value) {
        return (List<?>) value;
    }

    /** An integer member. */
    static long integer(Map<?, ?> object, String key) {
        return ((Number) object.get(key)).longValue();
    }

    /** A boolean member. */
    static boolean bool(Map<?, ?> object, String key) {
        return (Boolean) object.get(key);
    }

    /** A string member, or null. */
    static String string(Map<?, ?> object, String key) {
        return (String) object.get(key);
    }

    /**
     * Builds an object from alternating keys and values, in that order.
     *
     * @param keysAndValues key, value, key, value, ...
     * @return the object
     */
    static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            object.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return object;
    }
}
