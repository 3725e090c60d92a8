package io.emuhost.testkit.driver;

import io.emuhost.api.bus.GuestBus;

/**
 * Configuration mechanism #1 (PCI Local Bus 3.0 §3.2.2.3.2): the address goes to port 0xCF8
 * ({@code 0x80000000 | bus << 16 | device << 11 | function << 8 | register}), the data moves
 * through ports 0xCFC..0xCFF. Reaches the first 256 bytes of each function. The address latch
 * belongs to the machine, so every access pair holds the bus's monitor (Linux's
 * pci_config_lock), and drivers on other threads do not interleave with it.
 */
public final class PortConfigAccess implements PciConfigAccess {

    /** CONFIG_ADDRESS. */
    public static final int CONFIG_ADDRESS = 0xcf8;
    /** CONFIG_DATA. */
    public static final int CONFIG_DATA = 0xcfc;

    private static final int ENABLE = 0x8000_0000;

    private final GuestBus bus;

    /**
     * Creates the access.
     *
     * @param bus the machine's bus
     */
    public PortConfigAccess(GuestBus bus) {
        this.bus = bus;
    }

    @Override
    public int read(PciAddress fn, int offset, int size) {
        int address = address(fn, offset);
        synchronized (bus) {
            bus.out(CONFIG_ADDRESS, 4, address);
            return bus.in(CONFIG_DATA + (offset & 3), size);
        }
    }

    @Override
    public void write(PciAddress fn, int offset, int size, int value) {
        int address = address(fn, offset);
        synchronized (bus) {
            bus.out(CONFIG_ADDRESS, 4, address);
            bus.out(CONFIG_DATA + (offset & 3), size, value);
        }
    }

    private static int address(PciAddress fn, int offset) {
        if (offset < 0 || offset > 0xff) {
            throw new IllegalArgumentException("mechanism #1 reaches offsets 0..0xff, not 0x" + Integer.toHexString(offset));
        }
        return ENABLE | fn.bus() << 16 | fn.device() << 11 | fn.function() << 8 | offset & 0xfc;
    }
}
