package io.emuhost.api.device;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.state.DeviceState;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A device made by a {@link DeviceFactory}. It lives at {@code /machine/peripheral/<id>} when it
 * has an id.
 */
@ConsumerType
public interface Device {

    /**
     * The driver name, e.g. {@code virtio-pmem-pci}.
     *
     * @return the driver
     */
    String driver();

    /**
     * The device's PCI function, which the machine plugs into its bus.
     *
     * @return the function
     */
    PciFunction pciFunction();

    /**
     * The memory-device view of the device ({@code info memory-devices}), if it maps memory
     * into the guest's device-memory area.
     *
     * @return the description, or empty
     */
    Optional<MemoryDeviceInfo> memoryDevice();

    /**
     * The object's QOM property values as QEMU's {@code qom-get} returns them, in {@code qom-list}
     * order; JSON-shaped values ({@link String}, {@link Boolean}, {@link Long}/{@link Integer},
     * {@link java.util.List} of those). A property the map leaves out is not readable.
     *
     * @return name to value; empty by default
     */
    default Map<String, Object> qomProperties() {
        return Map.of();
    }

    /**
     * The properties that may change while the device runs ({@code qom-set}, an update of the
     * device's configuration in Config Admin); every other property is fixed once the device is
     * realized, as in QEMU.
     *
     * @return names among the factory's properties; empty by default
     * @since 1.4
     */
    default Set<String> mutableProperties() {
        return Set.of();
    }

    /**
     * Changes properties while the device runs, at once and without unplugging it: all the given
     * ones or, on an error, none. Never waits for the guest. {@link #qomProperties()} shows the
     * new values, and a live upgrade keeps them ({@link #suspend()}).
     *
     * @param changed the new values, keys among {@link #mutableProperties()}, with the syntax of
     *     the front end they came from
     * @throws ConfigurationException with QEMU's wording, naming the property; nothing changed
     * @since 1.4
     */
    default void setProperties(Properties changed) throws ConfigurationException {
        throw new ConfigurationException("no property of " + driver() + " can change while it runs");
    }

    /**
     * Hands the device over because the factory that made it is going away (its bundle stops, is
     * updated or uninstalled): answers every request it has taken from the guest, takes no more,
     * and returns its guest-visible state for {@link DeviceFactory#restore}. The machine holds
     * the guest's accesses to the function meanwhile and keeps what the device took through its
     * {@link PlugContext} (backends, device memory) for the restored device. When this returns
     * with a state, the device is finished: it makes no access, raises no interrupt, and
     * {@link #close()} is not called.
     *
     * @return the state, or empty if the device cannot be handed over; the machine then removes
     *     it as {@code device_del} does
     * @since 1.2
     */
    default Optional<DeviceState> suspend() {
        return Optional.empty();
    }

    /**
     * Stops the device: waits for in-flight requests, then releases what it holds except what
     * the machine released through the plug context. Called once, after the machine unplugged
     * the function.
     */
    void close();
}
