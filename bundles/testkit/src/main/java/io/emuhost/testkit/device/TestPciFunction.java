package io.emuhost.testkit.device;

import io.emuhost.api.bus.PciBar;
import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.bus.PciIdentity;
import io.emuhost.api.bus.PciSlot;
import java.util.List;

/** A PCI function with given identity and BARs and 4 KiB of plain read/write config space. */
public final class TestPciFunction implements PciFunction {

    /** virtio-pmem-pci's identity (reference §3.1). */
    public static final PciIdentity VIRTIO_PMEM = new PciIdentity(0x1af4, 0x105b, 0x01, 0x00ff00, 0x1af4, 0x1100, 1);

    private final PciIdentity identity;
    private final List<PciBar> bars;
    private final int capabilityPointer;
    private final byte[] config = new byte[0x1000];
    private volatile PciSlot slot;
    private volatile boolean unplugged;
    private volatile Runnable onUnplug = () -> { };

    /**
     * Creates the function.
     *
     * @param identity identity
     * @param bars BARs
     * @param capabilityPointer capability pointer
     */
    public TestPciFunction(PciIdentity identity, List<PciBar> bars, int capabilityPointer) {
        this.identity = identity;
        this.bars = List.copyOf(bars);
        this.capabilityPointer = capabilityPointer;
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
        return capabilityPointer;
    }

    @Override
    public synchronized int readConfig(int offset, int size) {
        int value = 0;
        for (int i = 0; i < size; i++) {
            value |= (config[offset + i] & 0xff) << (8 * i);
        }
        return value;
    }

    @Override
    public synchronized void writeConfig(int offset, int size, int value) {
        for (int i = 0; i < size; i++) {
            config[offset + i] = (byte) (value >>> (8 * i));
        }
    }

    @Override
    public void plug(PciSlot slot) {
        this.slot = slot;
    }

    @Override
    public void unplug() {
        onUnplug.run();
        unplugged = true;
    }

    /**
     * Runs an action inside {@link #unplug()}, to look at the bus while the function leaves.
     *
     * @param action the action
     */
    public void onUnplug(Runnable action) {
        onUnplug = action;
    }

    /** @return the slot given at plug time, or null */
    public PciSlot slot() {
        return slot;
    }

    /** @return whether {@link #unplug()} was called */
    public boolean unplugged() {
        return unplugged;
    }
}
