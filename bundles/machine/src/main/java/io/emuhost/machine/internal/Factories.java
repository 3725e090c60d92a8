package io.emuhost.machine.internal;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Where the machine finds factories by QEMU type name. In OSGi this is backed by the service
 * registry (the newest version of a type wins); tests back it by a map.
 */
public interface Factories {

    /**
     * The factory for a user-creatable object type.
     *
     * @param type e.g. {@code memory-backend-file}
     * @return the factory, or empty
     */
    Optional<ObjectFactory> objectFactory(String type);

    /**
     * The factory for a device driver.
     *
     * @param driver e.g. {@code virtio-pmem-pci}
     * @return the factory, or empty
     */
    Optional<DeviceFactory> deviceFactory(String driver);

    /**
     * The object types available now, for {@code -object help}.
     *
     * @return type names, sorted
     */
    SortedSet<String> objectTypes();

    /**
     * The device drivers available now, for {@code -device help}.
     *
     * @return driver names, sorted
     */
    SortedSet<String> deviceDrivers();

    /**
     * Starts telling a listener when factories come and go. Lookups are fixed in tests,
     * so by default nothing is ever told.
     *
     * @param listener the listener
     */
    default void watchFactories(FactoryListener listener) {
    }

    /**
     * Stops telling a listener.
     *
     * @param listener the listener
     */
    default void unwatchFactories(FactoryListener listener) {
    }
}
