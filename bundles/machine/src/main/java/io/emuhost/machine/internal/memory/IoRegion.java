package io.emuhost.machine.internal.memory;

import io.emuhost.api.bus.IoHandler;

/**
 * Registers at a fixed range of the memory or port address space.
 *
 * @param name what the range is, for diagnostics
 * @param base first address (or port)
 * @param size length in bytes, at least 1
 * @param handler the registers; offsets are relative to {@code base}
 */
public record IoRegion(String name, long base, long size, IoHandler handler) {

    /**
     * Checks the range.
     *
     * @param name name
     * @param base base
     * @param size size
     * @param handler handler
     */
    public IoRegion {
        if (size <= 0 || base < 0 || base + size < base) {
            throw new IllegalArgumentException("bad I/O region " + name);
        }
    }

    boolean overlaps(long otherBase, long otherSize) {
        return otherBase < base + size && base < otherBase + otherSize;
    }
}
