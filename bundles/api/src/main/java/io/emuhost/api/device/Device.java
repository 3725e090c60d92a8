package io.emuhost.api.device;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.state.DeviceState;
import java.util.Map;
import java.util.Optional;
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
