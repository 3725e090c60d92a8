package io.emuhost.testkit.driver;

import io.emuhost.api.bus.GuestBus;

/**
 * The PCI Express enhanced configuration access mechanism (PCIe 4.0 §7.2.2): configuration space
 * as memory at {@code base + (bus << 20 | device << 15 | function << 12 | offset)}.
 */
public final class EcamConfigAccess implements PciConfigAccess {

    /** Where q35-like machines put ECAM (QEMU's MCFG base). */
    public static final long DEFAULT_BASE = 0xb000_0000L;

    private final GuestBus bus;
    private final long base;

    /**
     * Creates the access.
     *
     * @param bus the machine's bus
     * @param base the ECAM window's guest physical address
     */
    public EcamConfigAccess(GuestBus bus, long base) {
        this.bus = bus;
        this.base = base;
    }

    @Override
    public int read(PciAddress fn, int offset, int size) {
        return (int) bus.read(address(fn, offset), size);
    }

    @Override
    public void write(PciAddress fn, int offset, int size, int value) {
        bus.write(address(fn, offset), size, value);
    }

    private long address(PciAddress fn, int offset) {
        if (offset < 0 || offset > 0xfff) {
            throw new IllegalArgumentException("ECAM reaches offsets 0..0xfff, not 0x" + Integer.toHexString(offset));
        }
        return base + ((long) fn.bus() << 20 | fn.device() << 15 | fn.function() << 12 | offset);
    }
}
