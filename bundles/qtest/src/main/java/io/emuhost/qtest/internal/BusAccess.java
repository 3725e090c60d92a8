package io.emuhost.qtest.internal;

import io.emuhost.api.bus.BusFaultException;
import io.emuhost.api.bus.GuestBus;
import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import java.util.Arrays;

/**
 * CPU-like accesses of any size and alignment, as QEMU's {@code address_space_read/write} does
 * them: a range that memory backs is copied in one go; anything else (MMIO, holes, ranges
 * crossing region ends) is split into naturally aligned power-of-two accesses of at most 4
 * bytes (the largest access most device registers take, e.g. virtio-pci's) and sent through the
 * {@link GuestBus}, so registers see the same accesses a CPU would make. An aligned
 * {@code size}-byte access goes to the bus whole. An access that meets memory whose host backing
 * faulted throws {@link BusFaultException} (the request fails; nothing is retried).
 */
final class BusAccess {

    private static final int MAX_SPLIT_ACCESS = 4;
    private static final int FILL_CHUNK = 1 << 16;

    private final GuestBus bus;

    BusAccess(GuestBus bus) {
        this.bus = bus;
    }

    /**
     * A load of 1, 2, 4 or 8 bytes.
     *
     * @param address guest physical address
     * @param size the size
     * @return the little-endian value
     */
    long load(long address, int size) {
        if ((address & (size - 1)) == 0) {
            return bus.read(address, size);
        }
        byte[] bytes = new byte[size];
        read(address, bytes);
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = value << 8 | (bytes[i] & 0xff);
        }
        return value;
    }

    /**
     * A store of 1, 2, 4 or 8 bytes.
     *
     * @param address guest physical address
     * @param size the size
     * @param value the little-endian value; its low {@code size} bytes are stored
     */
    void store(long address, int size, long value) {
        if ((address & (size - 1)) == 0) {
            bus.write(address, size, value);
            return;
        }
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (value >>> 8 * i);
        }
        write(address, bytes, bytes.length);
    }

    /**
     * Reads {@code dst.length} bytes.
     *
     * @param address guest physical address of the first byte
     * @param dst where the bytes go
     */
    void read(long address, byte[] dst) {
        int done = 0;
        while (done < dst.length) {
            long at = address + done;
            int mapped = mappedPrefix(at, dst.length - done);
            if (mapped > 0 && copyIn(at, dst, done, mapped)) {
                done += mapped;
            } else {
                int size = splitSize(at, dst.length - done);
                long value = bus.read(at, size);
                for (int i = 0; i < size; i++) {
                    dst[done + i] = (byte) (value >>> 8 * i);
                }
                done += size;
            }
        }
    }

    /**
     * Writes the first {@code length} bytes of an array.
     *
     * @param address guest physical address of the first byte
     * @param src the bytes
     * @param length how many
     */
    void write(long address, byte[] src, int length) {
        int done = 0;
        while (done < length) {
            long at = address + done;
            int mapped = mappedPrefix(at, length - done);
            if (mapped > 0 && copyOut(at, src, done, mapped)) {
                done += mapped;
            } else {
                int size = splitSize(at, length - done);
                long value = 0;
                for (int i = size - 1; i >= 0; i--) {
                    value = value << 8 | (src[done + i] & 0xff);
                }
                bus.write(at, size, value);
                done += size;
            }
        }
    }

    /**
     * Stores one byte value over a range, in bounded chunks.
     *
     * @param address guest physical address of the first byte
     * @param length the number of bytes
     * @param pattern the byte
     */
    void fill(long address, long length, byte pattern) {
        byte[] chunk = new byte[(int) Math.min(length, FILL_CHUNK)];
        Arrays.fill(chunk, pattern);
        long done = 0;
        while (done < length) {
            int n = (int) Math.min(length - done, chunk.length);
            write(address + done, chunk, n);
            done += n;
        }
    }

    /**
     * A bulk read; false if the memory went away since {@link #mappedPrefix} (an unplug).
     *
     * @throws BusFaultException if the memory is there but its host backing faulted
     */
    private boolean copyIn(long at, byte[] dst, int offset, int length) {
        try {
            bus.memory().read(at, dst, offset, length);
            return true;
        } catch (GuestMemoryException.BackingStoreFault e) {
            throw new BusFaultException(e);
        } catch (GuestMemoryException e) {
            return false;
        }
    }

    /**
     * A bulk write; false if the memory went away since {@link #mappedPrefix} (an unplug).
     *
     * @throws BusFaultException if the memory is there but its host backing faulted
     */
    private boolean copyOut(long at, byte[] src, int offset, int length) {
        try {
            bus.memory().write(at, src, offset, length);
            return true;
        } catch (GuestMemoryException.BackingStoreFault e) {
            throw new BusFaultException(e);
        } catch (GuestMemoryException e) {
            return false;
        }
    }

    /** How many bytes from {@code at} (at most {@code limit}) one memory region backs. */
    private int mappedPrefix(long at, int limit) {
        GuestMemory memory = bus.memory();
        if (!memory.isMapped(at, 1)) {
            return 0;
        }
        if (memory.isMapped(at, limit)) {
            return limit;
        }
        int lo = 1;
        int hi = limit;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (memory.isMapped(at, mid)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The largest naturally aligned power of two ≤ 4 that fits (QEMU's memory_access_size). */
    private static int splitSize(long at, int remaining) {
        int size = MAX_SPLIT_ACCESS;
        while (size > remaining || (at & (size - 1)) != 0) {
            size >>= 1;
        }
        return size;
    }
}
