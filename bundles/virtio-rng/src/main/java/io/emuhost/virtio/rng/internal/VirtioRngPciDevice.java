package io.emuhost.virtio.rng.internal;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.virtio.VirtioTransport;
import java.util.Optional;

/**
 * A {@code virtio-rng-pci} device: the entropy device wrapped by the PCI transport. It maps no
 * memory, and needs no drain on unplug: requests are answered within the notification.
 */
public final class VirtioRngPciDevice implements Device {

    private final VirtioTransport transport;
    private final PciFunction function;
    private final VirtioRngDevice device;

    /**
     * Creates the device.
     *
     * @param transport the transport that made {@code function}
     * @param function the PCI function the transport made of {@code device}
     * @param device the entropy device
     */
    public VirtioRngPciDevice(VirtioTransport transport, PciFunction function, VirtioRngDevice device) {
        this.transport = transport;
        this.function = function;
        this.device = device;
    }

    @Override
    public String driver() {
        return VirtioRngPciFactory.DRIVER;
    }

    @Override
    public PciFunction pciFunction() {
        return function;
    }

    @Override
    public Optional<MemoryDeviceInfo> memoryDevice() {
        return Optional.empty();
    }

    /**
     * The entropy device inside.
     *
     * @return the device
     */
    public VirtioRngDevice virtioDevice() {
        return device;
    }

    /** Hands the device over: the transport saves its state; the device has none of its own. */
    @Override
    public Optional<DeviceState> suspend() {
        DeviceState.Builder state = DeviceState.builder(VirtioRngPciFactory.DRIVER);
        return transport.suspend(function, state) ? Optional.of(state.build()) : Optional.empty();
    }

    /** Resets the device; the machine already took the function off the bus. */
    @Override
    public void close() {
        device.reset();
    }
}
