package io.emuhost.karaf.shell.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.syntax.KeyvalException;
import io.emuhost.syntax.KeyvalParser;
import io.emuhost.syntax.KeyvalSyntax;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Karaf user types after {@code emuhost:object-add} or {@code emuhost:device-add}: the type
 * and its properties, in either of two spellings.
 *
 * <ul>
 *   <li>Karaf words: {@code memory-backend-file id=mem1 size=64M} — each word after the type is
 *       one {@code key=value}, split at its first {@code =}; commas are literal.</li>
 *   <li>QEMU's keyval in the first word: {@code memory-backend-file,id=mem1,size=64M}, with
 *       {@code ,,} for a literal comma, as pasted from a QEMU command line; further words may
 *       follow.</li>
 * </ul>
 *
 * <p>Values stay strings, exactly as HMP hands them to the machine, which types and checks them
 * with QEMU's wording. A later key replaces an earlier one, as in QEMU's keyval.
 */
final class CreateArguments {

    private CreateArguments() {
    }

    /**
     * The type and the properties of one creation request.
     *
     * @param type the QOM type or device driver
     * @param properties the properties, {@code id} included, in the order typed
     */
    record Request(String type, Map<String, String> properties) {
        Request {
            properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        }
    }

    /**
     * Splits the words.
     *
     * @param first the first word: the type, optionally followed by {@code ,key=value} elements
     * @param words the further words, each one {@code key=value}; may be null (none typed)
     * @param typeKey the key that may name the type explicitly: {@code qom-type} or {@code driver}
     * @return the request
     * @throws ConfigurationException with QEMU's keyval wording for a malformed element
     */
    static Request parse(String first, List<String> words, String typeKey) throws ConfigurationException {
        Map<String, String> properties;
        try {
            // the first word as HMP's object_add reads its argument
            properties = new LinkedHashMap<>(KeyvalParser.parse(first, typeKey, KeyvalSyntax.KEYVAL).values());
        } catch (KeyvalException e) {
            throw new ConfigurationException(e.getMessage());
        }
        if (words != null) {
            for (String word : words) {
                put(word, properties);
            }
        }
        String type = properties.remove(typeKey);
        if (type == null || type.isEmpty()) {
            throw new ConfigurationException("Parameter '" + typeKey + "' is missing");
        }
        return new Request(type, properties);
    }

    /** A Karaf word: {@code key=value} split at its first {@code =}, commas literal. */
    private static void put(String element, Map<String, String> properties) throws ConfigurationException {
        int eq = element.indexOf('=');
        String name = eq < 0 ? element : element.substring(0, eq);
        if (name.isEmpty()) {
            throw new ConfigurationException("Invalid parameter ''");
        }
        if (eq < 0) {
            // QEMU keyval (HMP object_add): no short-form booleans
            throw new ConfigurationException("Expected '=' after parameter '" + name + "'");
        }
        properties.put(name, element.substring(eq + 1));
    }
}
