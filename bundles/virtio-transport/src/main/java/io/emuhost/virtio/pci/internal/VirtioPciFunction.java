package io.emuhost.virtio.pci.internal;

import io.emuhost.api.bus.MmioBar;
import io.emuhost.api.bus.PciBar;
import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.bus.PciIdentity;
import io.emuhost.api.bus.PciSlot;
import io.emuhost.api.bus.RamBar;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.api.virtio.SharedMemoryRegion;
import io.emuhost.api.virtio.VirtioDevice;
import io.emuhost.virtio.split.internal.SplitVirtQueue;
import java.util.ArrayList;
import java.util.List;

/**
 * A virtio device on PCI, modern interface only (virtio 1.2 §4.1), with QEMU's identity: vendor
 * 0x1af4, device 0x1040 + virtio id, revision 1, subsystem 1af4:1100, INTA.
 *
 * <p>BARs: BAR1 the MSI-X table and PBA (32-bit, when vectors &gt; 0), BAR2/3 the shared memory
 * region (64-bit prefetchable, when the device has one), BAR4/5 the registers (64-bit
 * prefetchable, 16 KiB, see {@link ModernBar}). With {@code x-bar64=off} every BAR is 32-bit:
 * BAR2 and BAR4 alone, as QEMU's {@code x-pci-proxy-dev} maps them.
 */
public final class VirtioPciFunction implements PciFunction {

    static final int VENDOR_ID = 0x1af4;
    static final int DEVICE_ID_BASE = 0x1040;
    static final int REVISION_MODERN = 1;
    static final int SUBSYSTEM_ID = 0x1100;
    static final int INTERRUPT_PIN_A = 1;
    static final int MSIX_BAR = 1;
    static final int SHARED_MEMORY_BAR = 2;

    private final VirtioDevice device;
    private final PciIdentity identity;
    private final List<PciBar> bars;
    private final PciConfigSpace configSpace;
    private final MsixTable msix;
    private final VirtioPciInterrupt interrupt;
    private final CommonConfig common;

    VirtioPciFunction(VirtioDevice device, VirtioPciOptions options, SharedMemoryRegion region) {
        this.device = device;
        this.identity = new PciIdentity(VENDOR_ID, DEVICE_ID_BASE + device.deviceId(), REVISION_MODERN,
                PciClassCodes.forDevice(device.deviceId()), VENDOR_ID, SUBSYSTEM_ID, INTERRUPT_PIN_A);
        QueueRegisters[] queues = new QueueRegisters[device.queueCount()];
        DeviceStatus status = new DeviceStatus();
        this.msix = new MsixTable(options.vectors());
        this.interrupt = new VirtioPciInterrupt(status, msix, queues);
        for (int i = 0; i < queues.length; i++) {
            queues[i] = new QueueRegisters(i, device.queueMaxSize(i), new SplitVirtQueue(i, interrupt));
        }
        this.common = new CommonConfig(device, device.deviceFeatures() | options.transportFeatures(), status,
                interrupt, queues);
        List<PciBar> allBars = new ArrayList<>();
        if (msix.vectors() > 0) {
            allBars.add(new MmioBar(MSIX_BAR, msix.barSize(), false, false, msix));
        }
        if (region != null) {
            allBars.add(new RamBar(SHARED_MEMORY_BAR, sharedMemoryBarSize(region), options.bar64(), true,
                    region.backend()));
        }
        allBars.add(new MmioBar(ModernBar.INDEX, ModernBar.SIZE, options.bar64(), true,
                new ModernBar(common, interrupt, device)));
        this.bars = List.copyOf(allBars);
        this.configSpace = new PciConfigSpace(VirtioCapabilities.build(msix, MSIX_BAR, region, SHARED_MEMORY_BAR),
                msix, bars);
    }

    @Override
    public PciIdentity identity() {
        return identity;
    }

    @Override
    public List<PciBar> bars() {
        return bars;
    }

    @Override
    public int capabilityPointer() {
        return configSpace.capabilityPointer();
    }

    @Override
    public int readConfig(int offset, int size) {
        return configSpace.read(offset, size);
    }

    @Override
    public void writeConfig(int offset, int size, int value) {
        configSpace.write(offset, size, value);
    }

    @Override
    public void plug(PciSlot slot) {
        msix.connect(slot.msi());
        interrupt.connect(slot.intx());
        common.connect(slot.memory());
    }

    /**
     * Leaves the bus (hot-unplug; the machine no longer decodes the BARs, so no notification
     * arrives): a device that can quiesce first answers what the driver made available, with
     * interrupts still connected, so a driver never loses the completion of a request the device
     * could see; then the device is reset and disconnected.
     */
    @Override
    public void unplug() {
        common.quiesceBeforeUnplug();
        common.disconnect();
        interrupt.disconnect();
        msix.disconnect();
    }

    /** A system reset: the virtio device is reset as by a driver's status write of 0 (virtio 1.2 §2.1.1). */
    @Override
    public void reset() {
        common.write(CommonConfig.DEVICE_STATUS, 0);
    }

    /**
     * Hands the function over (VirtioTransport#suspend): quiesces the device, saves the
     * transport's state and the device's own, and leaves the slot without a reset. The caller
     * holds the guest's accesses.
     *
     * @param state where the fields go
     * @return false if the device cannot be quiesced; then nothing changed
     */
    boolean suspend(DeviceState.Builder state) {
        if (!common.quiesce()) {
            return false;
        }
        common.save(state);
        interrupt.save(state);
        msix.save(state);
        configSpace.save(state);
        device.saveState(state);
        common.detach();
        interrupt.detach();
        msix.disconnect();
        return true;
    }

    /**
     * Continues from a saved state (VirtioTransport#restore), before the function is plugged.
     *
     * @param state the saved state
     * @throws StateException if the state does not fit this function
     */
    void restore(DeviceState state) throws StateException {
        msix.restore(state);
        configSpace.restore(state);
        interrupt.restore(state);
        common.restore(state);
    }

    @Override
    public String toString() {
        return "virtio-pci(" + device.deviceId() + ")";
    }

    /**
     * The BAR that holds a shared memory region: the region's size rounded up to a BAR size.
     *
     * @param region the region
     * @return the BAR size
     */
    static long sharedMemoryBarSize(SharedMemoryRegion region) {
        return barSize(region.backend().size());
    }

    /** A memory BAR is a power of two, at least 16 bytes (PCI Local Bus 3.0 §6.2.5.1). */
    private static long barSize(long regionSize) {
        long size = Math.max(16, regionSize);
        return Long.bitCount(size) == 1 ? size : Long.highestOneBit(size) << 1;
    }
}
