package io.emuhost.machine.internal.registry;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.machine.Frontend;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The properties the machine reads itself ({@code qom-type} and {@code id} of an object;
 * {@code driver}, {@code id}, {@code bus} and {@code addr} of a device), and the split of a
 * front end's property map into those and the factory's own.
 */
final class MachineKeys {

    /** What {@code -object} / {@code object-add} keys the machine reads. */
    static final Set<String> OBJECT = Set.of("qom-type", "id");
    /** What {@code -device} / {@code device_add} keys the machine reads. */
    static final Set<String> DEVICE = Set.of("driver", "id", "bus", "addr");

    private MachineKeys() {
    }

    /**
     * Rejects a key that is neither the machine's nor declared by the factory, in the front
     * end's wording (the command line says "Invalid parameter", QMP
     * "Parameter ... is unexpected").
     *
     * @param keys the keys given
     * @param machineKeys the machine's own keys
     * @param specs what the factory declares
     * @param frontend where the keys came from
     * @throws ConfigurationException for the first unknown key
     */
    static void rejectUnknown(Set<String> keys, Set<String> machineKeys, List<PropertySpec> specs,
            Frontend frontend) throws ConfigurationException {
        for (String key : keys) {
            if (!machineKeys.contains(key) && !declares(specs, key)) {
                throw new ConfigurationException(frontend == Frontend.COMMAND_LINE
                        ? "Invalid parameter '" + key + "'"
                        : "Parameter '" + key + "' is unexpected");
            }
        }
    }

    static boolean declares(List<PropertySpec> specs, String key) {
        return specs.stream().anyMatch(spec -> spec.name().equals(key));
    }

    /** @return the properties without the keys, in their order */
    static Map<String, Object> without(Map<String, ?> properties, Set<String> keys) {
        Map<String, Object> rest = new LinkedHashMap<>(properties);
        rest.keySet().removeAll(keys);
        return rest;
    }

    /** @return only the properties with one of the keys, in their order */
    static Map<String, Object> only(Map<String, ?> properties, Set<String> keys) {
        Map<String, Object> selected = new LinkedHashMap<>(properties);
        selected.keySet().retainAll(keys);
        return selected;
    }
}
