package io.emuhost.machine.internal.pci;

import io.emuhost.api.bus.IoHandler;

/**
 * Enhanced configuration access (PCI Express Base 4.0 §7.2.2): 4 KiB of configuration space per
 * function at {@code base + (bus << 20 | device << 15 | function << 12 | register)}, 256 buses in
 * 256 MiB. 8-byte accesses are split into two DWORDs; unaligned ones read all ones.
 */
public final class EcamWindow implements IoHandler {

    /** Where the window sits (QEMU q35's default MMCONFIG base). */
    public static final long BASE = 0xb000_0000L;
    /** 256 buses of 1 MiB. */
    public static final long SIZE = 256L << 20;

    private final PciBus bus;

    /**
     * Creates the window.
     *
     * @param bus the bus behind it (bus 0)
     */
    public EcamWindow(PciBus bus) {
        this.bus = bus;
    }

    @Override
    public long read(long offset, int size) {
        if (size == 8) {
            return Integer.toUnsignedLong(read32(offset)) | Integer.toUnsignedLong(read32(offset + 4)) << 32;
        }
        return Integer.toUnsignedLong(bus.readConfig(busNumber(offset), devfn(offset), register(offset), size));
    }

    @Override
    public void write(long offset, int size, long value) {
        if (size == 8) {
            write32(offset, (int) value);
            write32(offset + 4, (int) (value >>> 32));
            return;
        }
        bus.writeConfig(busNumber(offset), devfn(offset), register(offset), size, (int) value);
    }

    private int read32(long offset) {
        return bus.readConfig(busNumber(offset), devfn(offset), register(offset), 4);
    }

    private void write32(long offset, int value) {
        bus.writeConfig(busNumber(offset), devfn(offset), register(offset), 4, value);
    }

    private static int busNumber(long offset) {
        return (int) (offset >>> 20) & 0xff;
    }

    private static int devfn(long offset) {
        return (int) (offset >>> 12) & 0xff;
    }

    private static int register(long offset) {
        return (int) offset & 0xfff;
    }
}
