package io.emuhost.api.device;

import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
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

    /**
     * Re-creates a device from the state another factory of this driver saved with
     * {@link Device#suspend()} (the same or another version of the bundle), with the properties it
     * was created with. The context is the one the device was created with: it still holds the
     * backends and device memory, which {@link PlugContext#claimBackend} and
     * {@link PlugContext#plugMemory} hand back unchanged. The new device's PCI function must look
     * like the old one (identity, BARs, capability pointer) and continue from the state, without
     * a reset: the guest's driver must not notice the change.
     *
     * @param properties the properties the device was created with
     * @param context the device's plug context
     * @param state the saved state
     * @return the device, not yet plugged
     * @throws ConfigurationException if the properties no longer make a device
     * @throws StateException if the state cannot be restored; the device then stays suspended
     * @since 1.2
     */
    default Device restore(Properties properties, PlugContext context, DeviceState state)
            throws ConfigurationException, StateException {
        throw new StateException.Incompatible("driver " + state.driver() + " cannot restore a saved device");
    }
}
