package io.emuhost.api.device;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Creates devices of one driver type ({@code -device DRIVER,...}). Registered as an OSGi service
 * with the property {@link #DRIVER} naming the driver; the machine finds it by that name.
 */
@ConsumerType
public interface DeviceFactory {

    /** Service property: the driver name this factory creates, e.g. {@code virtio-pmem-pci}. */
    String DRIVER = "emuhost.device.driver";

    /**
     * The properties the driver accepts besides {@code driver}, {@code id}, {@code bus} and
     * {@code addr}, in the order {@code -device DRIVER,help} lists them.
     *
     * @return property descriptions
     */
    List<PropertySpec> properties();

    /**
     * One line describing the device for {@code -device help}.
     *
     * @return the description
     */
    String description();

    /**
     * Creates the device synchronously. Resources taken through the context (backends,
     * device memory) are released by the machine if this method throws.
     *
     * @param properties the parsed properties
     * @param context what the device may ask of the host
     * @return the new device, not yet plugged; the machine plugs its PCI function
     * @throws ConfigurationException with QEMU's wording if the device cannot be created
     */
    Device create(Properties properties, PlugContext context) throws ConfigurationException;
}
