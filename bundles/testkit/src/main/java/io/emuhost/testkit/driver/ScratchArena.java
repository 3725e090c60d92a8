package io.emuhost.testkit.driver;

/** A bump allocator over the guest-RAM scratch area the caller gave the driver. Never frees. */
final class ScratchArena {

    private final long end;
    private long next;

    ScratchArena(long base, long size) {
        this.next = base;
        this.end = base + size;
    }

    /**
     * Takes a block.
     *
     * @param size bytes
     * @param alignment a power of two
     * @return the block's guest physical address
     */
    synchronized long allocate(long size, long alignment) {
        long start = next + alignment - 1 & -alignment;
        if (start + size > end || start < next) {
            throw new VirtioDriverException.ScratchExhausted(size, Math.max(0, end - next));
        }
        next = start + size;
        return start;
    }
}
