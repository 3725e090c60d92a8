package io.emuhost.cli.internal.qemu;

/**
 * Where QEMU 7.2 puts its device-memory area, so that a proxied device's memory gets an address
 * both QEMU's pc-dimm and emuhost's device accept (shared/reference/qemu-virtio-pmem.md §2.3):
 * {@code ROUND_UP(4 GiB + RAM above 4 GiB, 1 GiB)}, RAM above 4 GiB being what does not fit
 * below the machine's low-memory limit (hw/i386/pc_q35.c, pc_piix.c with gigabyte alignment).
 * Devices without {@code memaddr} are placed one after another, each 1 GiB aligned: QEMU's area
 * holds {@code maxmem - ram} plus 1 GiB per slot, so that always fits what maxmem allows.
 */
final class DeviceMemoryPlacement {

    static final long GIB = 1L << 30;
    static final long FOUR_GIB = 4 * GIB;

    private long next;

    /**
     * Starts at the machine's device-memory base.
     *
     * @param q35 true for q35, false for pc (i440FX)
     * @param ramSize QEMU's {@code -m}
     */
    DeviceMemoryPlacement(boolean q35, long ramSize) {
        // q35: RAM of 2.75 GiB or more is split at 2 GiB, else at 2.75 GiB; pc: at 3 GiB from 3.5 GiB on
        long lowLimit = q35 ? (ramSize >= 0xb000_0000L ? 0x8000_0000L : 0xb000_0000L)
                : (ramSize >= 0xe000_0000L ? 0xc000_0000L : 0xe000_0000L);
        long above = Math.max(0, ramSize - lowLimit);
        this.next = alignUp(FOUR_GIB + above, GIB);
    }

    /**
     * The address of the next device without {@code memaddr}.
     *
     * @param size the device's memory size
     * @return the address
     */
    long place(long size) {
        long address = next;
        next = alignUp(address + size, GIB);
        return address;
    }

    static long alignUp(long value, long align) {
        return (value + align - 1) & -align;
    }
}
