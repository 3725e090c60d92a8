package io.emuhost.api.machine;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import java.util.Optional;
import java.util.SortedSet;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The object and device factories the machine creates with, by QEMU type name, as the machine
 * chooses them: when several bundles serve one type, the one of the highest bundle version. The
 * machine registers it as a service beside {@link Machine}, so that front ends in other bundles
 * (help, completion) see exactly what {@code -object} and {@code -device} would use.
 */
@ProviderType
public interface FactoryCatalogue {

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
}
