package io.emuhost.machine.internal.pci;

import java.util.Map;
import java.util.TreeMap;

/**
 * Firmware-like BAR assignment, as SeaBIOS leaves a pc machine: BARs up to 256 MiB go top-down
 * below the I/O APIC (0xFEC00000), each naturally aligned, so the first 16 KiB BAR lands at
 * 0xFEBFC000; larger 64-bit BARs (and 64-bit BARs the 32-bit window cannot hold) go bottom-up
 * into the 64-bit window above the device-memory area.
 */
final class BarAllocator {

    /** The top of the 32-bit PCI window: the I/O APIC. */
    static final long WINDOW32_END = 0xfec0_0000L;
    /** The largest BAR placed in the 32-bit window. */
    static final long WINDOW32_MAX_BAR = 256L << 20;

    private final long window32Start;
    private final long window64Start;
    private final TreeMap<Long, Long> used = new TreeMap<>();

    /**
     * Creates an allocator.
     *
     * @param window32Start the bottom of the 32-bit window (above low RAM and ECAM)
     * @param window64Start the bottom of the 64-bit window
     */
    BarAllocator(long window32Start, long window64Start) {
        this.window32Start = window32Start;
        this.window64Start = window64Start;
    }

    /**
     * Finds a home for a BAR and reserves it.
     *
     * @param size the BAR size, a power of two
     * @param is64Bit whether the BAR can live above 4 GiB
     * @return the address, or 0 if nothing fits
     */
    long allocate(long size, boolean is64Bit) {
        long address = 0;
        if (size <= WINDOW32_MAX_BAR || !is64Bit) {
            address = topDown(size);
        }
        if (address == 0 && is64Bit) {
            address = bottomUp(size);
        }
        if (address != 0) {
            used.put(address, address + size);
        }
        return address;
    }

    /**
     * Gives back a range from {@link #allocate}.
     *
     * @param address the address returned
     */
    void release(long address) {
        used.remove(address);
    }

    private long topDown(long size) {
        long candidate = (WINDOW32_END - size) & -size;
        while (candidate >= window32Start && candidate > 0) {
            Map.Entry<Long, Long> below = used.lowerEntry(candidate + size);
            if (below == null || below.getValue() <= candidate) {
                return candidate;
            }
            candidate = (below.getKey() - size) & -size;
        }
        return 0;
    }

    private long bottomUp(long size) {
        long candidate = (window64Start + size - 1) & -size;
        while (candidate > 0 && candidate + size > candidate) {
            Map.Entry<Long, Long> below = used.lowerEntry(candidate + size);
            if (below == null || below.getValue() <= candidate) {
                return candidate;
            }
            candidate = (below.getValue() + size - 1) & -size;
        }
        return 0;
    }
}
