package io.emuhost.api.device;

import io.emuhost.api.bus.PciFunction;
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
     * Stops the device: waits for in-flight requests, then releases what it holds except what
     * the machine released through the plug context. Called once, after the machine unplugged
     * the function.
     */
    void close();
}
