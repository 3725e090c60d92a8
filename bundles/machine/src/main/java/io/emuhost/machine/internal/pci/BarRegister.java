package io.emuhost.machine.internal.pci;

import io.emuhost.api.bus.PciBar;

/**
 * One memory Base Address Register (PCI Local Bus 3.0 §6.2.5.1): the address bits the size
 * allows to be written, the read-only type bits, and where the contents are mapped now.
 * A 64-bit BAR spans its register and the next one. Guarded by the bus lock.
 */
final class BarRegister {

    /** The address of an unmapped BAR (QEMU's PCI_BAR_UNMAPPED). */
    static final long UNMAPPED = -1;

    private static final int TYPE_64 = 0x4;
    private static final int PREFETCHABLE = 0x8;
    private static final long FLAG_BITS = 0xf;

    private final PciBar bar;
    private final long addressMask;
    private long value;
    private long mappedAddress = UNMAPPED;
    private Object mapping;
    private long assigned;

    BarRegister(PciBar bar) {
        this.bar = bar;
        long mask = -bar.size() & ~FLAG_BITS;
        this.addressMask = bar.is64Bit() ? mask : mask & 0xffff_ffffL;
    }

    PciBar bar() {
        return bar;
    }

    int index() {
        return bar.index();
    }

    /** The register at {@code index} (the BAR's own, or the upper half of a 64-bit BAR). */
    int read(int index) {
        if (index != bar.index()) {
            return (int) (value >>> 32);
        }
        return (int) value | (bar.is64Bit() ? TYPE_64 : 0) | (bar.prefetchable() ? PREFETCHABLE : 0);
    }

    /** A write to the register at {@code index}; bits below the size read back as 0 (sizing). */
    void write(int index, int register) {
        long bits = Integer.toUnsignedLong(register);
        if (index != bar.index()) {
            value = (bits << 32 | (value & 0xffff_ffffL)) & addressMask;
        } else {
            value = ((value & ~0xffff_ffffL) | bits) & addressMask;
        }
    }

    /** Programs the whole address, as firmware does. */
    void program(long address) {
        value = address & addressMask;
    }

    /**
     * Where the contents belong now (QEMU pci_bar_address): unmapped while memory decoding is
     * off, at address 0, when the range wraps, or for a 32-bit BAR reaching 4 GiB; and, unlike
     * QEMU, above 2^63, where no guest physical address lies (x86 has at most 52 address bits).
     */
    long decode(boolean memoryEnabled) {
        if (!memoryEnabled) {
            return UNMAPPED;
        }
        long last = value + bar.size() - 1;
        if (value == 0 || Long.compareUnsigned(last, value) <= 0 || last < 0
                || (!bar.is64Bit() && Long.compareUnsigned(last, 0xffff_ffffL) >= 0)) {
            return UNMAPPED;
        }
        return value;
    }

    long mappedAddress() {
        return mappedAddress;
    }

    Object mapping() {
        return mapping;
    }

    void mapped(long address, Object region) {
        mappedAddress = address;
        mapping = region;
    }

    long assigned() {
        return assigned;
    }

    void assigned(long address) {
        assigned = address;
    }
}
