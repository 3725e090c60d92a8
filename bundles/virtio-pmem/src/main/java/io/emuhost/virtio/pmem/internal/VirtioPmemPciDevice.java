package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.MemoryDeviceInfo;
import java.util.Optional;

/** A {@code virtio-pmem-pci} device: the PMEM device wrapped by the PCI transport. */
public final class VirtioPmemPciDevice implements Device {

    private final PciFunction function;
    private final VirtioPmemDevice device;
    private final MemoryDeviceInfo memoryDevice;

    /**
     * Creates the device.
     *
     * @param function the PCI function the transport made of {@code device}
     * @param device the PMEM device
     * @param memoryDevice what the monitor shows of the device's memory
     */
    public VirtioPmemPciDevice(PciFunction function, VirtioPmemDevice device, MemoryDeviceInfo memoryDevice) {
        this.function = function;
        this.device = device;
        this.memoryDevice = memoryDevice;
    }

    @Override
    public String driver() {
        return VirtioPmemPciFactory.DRIVER;
    }

    @Override
    public PciFunction pciFunction() {
        return function;
    }

    @Override
    public Optional<MemoryDeviceInfo> memoryDevice() {
        return Optional.of(memoryDevice);
    }

    /**
     * The PMEM device inside, e.g. for its statistics.
     *
     * @return the device
     */
    public VirtioPmemDevice virtioDevice() {
        return device;
    }

    /** Resets the device, which waits for a running flush; the machine releases the backend. */
    @Override
    public void close() {
        device.reset();
    }
}
