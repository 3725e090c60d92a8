package ${package}.internal;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.virtio.VirtioTransport;
import java.util.Optional;

/**
 * One {@value EntropyDeviceFactory#DRIVER} device as the machine sees it: the PCI function to
 * plug, no memory device, and how to hand it over or close it.
 */
public final class EntropyPciDevice implements Device {

    private final VirtioTransport transport;
    private final PciFunction function;
    private final EntropyDevice device;

    /**
     * Creates the device.
     *
     * @param transport the transport that made {@code function}
     * @param function the PCI function the transport made of {@code device}
     * @param device the entropy device
     */
    public EntropyPciDevice(VirtioTransport transport, PciFunction function, EntropyDevice device) {
        this.transport = transport;
        this.function = function;
        this.device = device;
    }

    @Override
    public String driver() {
        return EntropyDeviceFactory.DRIVER;
    }

    @Override
    public PciFunction pciFunction() {
        return function;
    }

    @Override
    public Optional<MemoryDeviceInfo> memoryDevice() {
        return Optional.empty();
    }

    /** @return the entropy device inside */
    public EntropyDevice virtioDevice() {
        return device;
    }

    /** Hands the device over: the transport saves its state; the device has none of its own. */
    @Override
    public Optional<DeviceState> suspend() {
        DeviceState.Builder state = DeviceState.builder(EntropyDeviceFactory.DRIVER);
        return transport.suspend(function, state) ? Optional.of(state.build()) : Optional.empty();
    }

    /** Resets the device; the machine already took the function off the bus. */
    @Override
    public void close() {
        device.reset();
    }
}
