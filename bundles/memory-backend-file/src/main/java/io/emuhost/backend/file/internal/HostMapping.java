package io.emuhost.backend.file.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One mmap of guest memory, placed like QEMU's qemu_ram_mmap (util/mmap-alloc.c): a PROT_NONE
 * reservation of {@code length + align} bytes, the real mapping MAP_FIXED at the first aligned
 * address inside it, and one PROT_NONE guard page left after it. One mapping may exceed 2 GiB;
 * Java sees it through windows.
 */
final class HostMapping {

    /** The host page size, also the guard size. */
    static final long PAGE_SIZE = LibC.getpagesize();

    private static final int RESERVE_FLAGS = LibC.MAP_PRIVATE | LibC.MAP_ANONYMOUS | LibC.MAP_NORESERVE;

    private final Pointer base;
    private final long length;

    private HostMapping(Pointer base, long length) {
        this.base = base;
        this.length = length;
    }

    /**
     * Maps {@code length} bytes of {@code fd} (or anonymous memory for fd -1) at an address
     * aligned to {@code align}.
     *
     * @param syncFlags MAP_SHARED_VALIDATE|MAP_SYNC to try first, or 0
     * @param onSyncUnsupported called when the first try fails with ENOTSUP; the mapping is then
     *     retried without {@code syncFlags}, as QEMU does for any failure
     * @throws LastErrorException errno of the failed mmap
     */
    static HostMapping map(int fd, long length, long align, int prot, int flags, int syncFlags,
            long offset, Runnable onSyncUnsupported) {
        long total = length + align;
        Pointer reserved = LibC.mmap(null, total, LibC.PROT_NONE, RESERVE_FLAGS, -1, 0);
        long start = Pointer.nativeValue(reserved);
        long head = alignUp(start, align) - start;
        Pointer at = reserved.share(head);
        int fixed = flags | LibC.MAP_FIXED;
        Pointer mapped;
        try {
            mapped = activate(at, length, prot, fixed, syncFlags, fd, offset, onSyncUnsupported);
        } catch (Throwable e) { // the errno, or whatever onSyncUnsupported throws: the reservation goes
            LibC.munmap(reserved, total);
            throw e;
        }
        if (head > 0) {
            LibC.munmap(reserved, head);
        }
        long tail = total - head - length - PAGE_SIZE;
        if (tail > 0) {
            LibC.munmap(mapped.share(length + PAGE_SIZE), tail);
        }
        return new HostMapping(mapped, length);
    }

    /**
     * Takes over a mapping another version of this bundle made (live upgrade): same address,
     * same length, guard page included; nothing is mapped.
     *
     * @param address the mapping's address
     * @param length its length without the guard page
     * @return the mapping
     */
    static HostMapping adopt(long address, long length) {
        return new HostMapping(new Pointer(address), length);
    }

    // QEMU util/mmap-alloc.c mmap_activate
    private static Pointer activate(Pointer at, long length, int prot, int flags, int syncFlags, int fd,
            long offset, Runnable onSyncUnsupported) {
        if (syncFlags != 0) {
            try {
                return LibC.mmap(at, length, prot, flags | syncFlags, fd, offset);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.ENOTSUP) {
                    onSyncUnsupported.run();
                }
            }
        }
        return LibC.mmap(at, length, prot, flags, fd, offset);
    }

    static long alignUp(long value, long align) {
        return (value + align - 1) & -align;
    }

    Pointer pointer() {
        return base;
    }

    long address() {
        return Pointer.nativeValue(base);
    }

    long length() {
        return length;
    }

    /**
     * madvise(2) over the first {@code bytes} bytes.
     *
     * @throws LastErrorException errno of the failed call
     */
    void advise(long bytes, int advice) {
        LibC.madvise(base, bytes, advice);
    }

    /**
     * A direct little-endian view of {@code [offset, offset + size)}, read-only if asked.
     */
    ByteBuffer view(long offset, int size, boolean readOnly) {
        ByteBuffer buffer = base.getByteBuffer(offset, size);
        if (readOnly) {
            buffer = buffer.asReadOnlyBuffer();
        }
        return buffer.order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Unmaps the mapping and its guard page; the views must no longer be used. */
    void unmap() {
        LibC.munmap(base, length + PAGE_SIZE);
    }
}
