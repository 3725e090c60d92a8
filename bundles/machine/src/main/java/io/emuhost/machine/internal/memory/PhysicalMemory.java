package io.emuhost.machine.internal.memory;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;

/**
 * The machine's guest memory: RAM, memory devices and RAM BARs as a sorted array of disjoint
 * {@link MemoryRegion}s. Each access reads the volatile array once, finds its region by binary
 * search and checks the bounds there (the one choke point); plugging and unplugging replace the
 * array (copy-on-write). A zero-length bulk access touches nothing and always succeeds. An access
 * whose host memory faults (its backing file was truncated) fails with
 * {@link GuestMemoryException.BackingStoreFault} ({@link MemoryRegion} catches the fault).
 *
 * <p>Unmapping is safe against accesses in flight: every access holds a shared stamp of a
 * {@link StampedLock} from reading the array until its last byte is moved, and {@link #unmap}
 * publishes the smaller array, then takes the exclusive stamp once, which waits for exactly the
 * accesses that may still use the old array. When {@code unmap} returns, nothing touches the
 * region's host memory any more and its backend may be closed (munmap): a Java access to an
 * unmapped page would crash the JVM. Accesses take the shared stamp with one CAS and allocate
 * nothing (StampedLock queues a node only while an unmap is waiting).
 */
public final class PhysicalMemory implements GuestMemory {

    /** By address; overlapping regions clash. */
    private static final CopyOnWriteArray.Order<MemoryRegion> BY_ADDRESS = (added, present) ->
            present.overlaps(added.base(), added.size()) ? 0 : Long.compare(added.base(), present.base());

    private final StampedLock accesses = new StampedLock();
    private final CopyOnWriteArray<MemoryRegion> regions = new CopyOnWriteArray<>(MemoryRegion[]::new);

    /**
     * Adds a region unless it overlaps one already mapped.
     *
     * @param region the region
     * @return false (and nothing changed) if the range is taken
     */
    public boolean tryMap(MemoryRegion region) {
        return regions.insert(region, BY_ADDRESS);
    }

    /**
     * Adds a region that is known not to overlap (main RAM, placed memory devices).
     *
     * @param region the region
     * @throws IllegalStateException if it overlaps a mapped region
     */
    public void map(MemoryRegion region) {
        if (!tryMap(region)) {
            throw new IllegalStateException(region + " overlaps a mapped region");
        }
    }

    /**
     * Removes a region mapped before; does nothing if it is not mapped. Returns once no access
     * that found the region is in flight. Must not be called while the calling thread is inside
     * an access (a device's MMIO handler is not: the bus ends the memory access first).
     *
     * @param region the region (compared by identity)
     */
    public void unmap(MemoryRegion region) {
        if (regions.remove(region)) {
            awaitAccessesInFlight();
        }
    }

    /** Accesses that started after this call see the new array; the others have ended on return. */
    private void awaitAccessesInFlight() {
        accesses.unlockWrite(accesses.writeLock());
    }

    /**
     * Starts an access for the bus; pair with {@link #endAccess} in a finally block.
     *
     * @return the stamp
     */
    long beginAccess() {
        return accesses.readLock();
    }

    /**
     * Ends an access started with {@link #beginAccess}.
     *
     * @param stamp the stamp
     */
    void endAccess(long stamp) {
        accesses.unlockRead(stamp);
    }

    /**
     * Whether any mapped region intersects a range.
     *
     * @param base first address
     * @param size length, at least 1
     * @return true if some byte of the range is mapped
     */
    public boolean overlapsAny(long base, long size) {
        for (MemoryRegion r : regions.items()) {
            if (r.overlaps(base, size)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The mapped regions in address order.
     *
     * @return a snapshot
     */
    public MemoryRegion[] regions() {
        return regions.items().clone();
    }

    /**
     * The region that wholly contains a range, for the bus: no exception, no allocation. Call
     * between {@link #beginAccess} and {@link #endAccess}, and use the region only there.
     *
     * @param address first address
     * @param length bytes, at least 1
     * @return the region, or null
     */
    MemoryRegion regionContaining(long address, int length) {
        MemoryRegion r = find(address);
        return available(r, address) >= length ? r : null;
    }

    /**
     * The bounds check, in one place: how many bytes from {@code address} on lie in a region
     * found for it.
     *
     * @param r the region {@link #find} returned for the address, or null
     * @param address the address
     * @return the bytes up to the region's end; 0 if there is no region
     */
    private static long available(MemoryRegion r, long address) {
        return r == null ? 0 : r.size() - (address - r.base());
    }

    /** The region holding an address: binary search of the current array. */
    private MemoryRegion find(long address) {
        MemoryRegion[] rs = regions.items();
        int lo = 0;
        int hi = rs.length - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            MemoryRegion r = rs[mid];
            if (address < r.base()) {
                hi = mid - 1;
            } else if (address - r.base() >= r.size()) {
                lo = mid + 1;
            } else {
                return r;
            }
        }
        return null;
    }

    /** The choke point: the region holding all of {@code [address, address + length)}. */
    private MemoryRegion check(long address, long length) throws GuestMemoryException {
        if (Long.compareUnsigned(address + length - 1, address) < 0) {
            throw new GuestMemoryException.AddressOverflow(address, length);
        }
        MemoryRegion r = find(address);
        if (r == null) {
            throw new GuestMemoryException.InvalidAddress(address, length);
        }
        long available = available(r, address);
        if (length > available) {
            throw new GuestMemoryException.PartialAccess(address, length, available);
        }
        return r;
    }

    @Override
    public int readByte(long address) throws GuestMemoryException {
        return (int) load(address, 1);
    }

    @Override
    public int readShort(long address) throws GuestMemoryException {
        return (int) load(address, 2);
    }

    @Override
    public int readInt(long address) throws GuestMemoryException {
        return (int) load(address, 4);
    }

    @Override
    public long readLong(long address) throws GuestMemoryException {
        return load(address, 8);
    }

    private long load(long address, int width) throws GuestMemoryException {
        long stamp = accesses.readLock();
        try {
            return check(address, width).load(address, width);
        } finally {
            accesses.unlockRead(stamp);
        }
    }

    @Override
    public void writeByte(long address, int value) throws GuestMemoryException {
        store(address, 1, value);
    }

    @Override
    public void writeShort(long address, int value) throws GuestMemoryException {
        store(address, 2, value);
    }

    @Override
    public void writeInt(long address, int value) throws GuestMemoryException {
        store(address, 4, value);
    }

    @Override
    public void writeLong(long address, long value) throws GuestMemoryException {
        store(address, 8, value);
    }

    private void store(long address, int width, long value) throws GuestMemoryException {
        long stamp = accesses.readLock();
        try {
            MemoryRegion r = check(address, width);
            if (!r.readOnly()) {
                r.store(address, width, value);
            }
        } finally {
            accesses.unlockRead(stamp);
        }
    }

    @Override
    public void read(long address, byte[] dst, int offset, int length) throws GuestMemoryException {
        Objects.checkFromIndexSize(offset, length, dst.length);
        if (length > 0) {
            long stamp = accesses.readLock();
            try {
                check(address, length).copyOut(address, dst, offset, length);
            } finally {
                accesses.unlockRead(stamp);
            }
        }
    }

    @Override
    public void write(long address, byte[] src, int offset, int length) throws GuestMemoryException {
        Objects.checkFromIndexSize(offset, length, src.length);
        if (length > 0) {
            long stamp = accesses.readLock();
            try {
                MemoryRegion r = check(address, length);
                if (!r.readOnly()) {
                    r.copyIn(address, src, offset, length);
                }
            } finally {
                accesses.unlockRead(stamp);
            }
        }
    }

    @Override
    public void read(long address, ByteBuffer dst) throws GuestMemoryException {
        if (dst.hasRemaining()) {
            long stamp = accesses.readLock();
            try {
                check(address, dst.remaining()).copyOut(address, dst);
            } finally {
                accesses.unlockRead(stamp);
            }
        }
    }

    @Override
    public void write(long address, ByteBuffer src) throws GuestMemoryException {
        if (src.hasRemaining()) {
            long stamp = accesses.readLock();
            try {
                MemoryRegion r = check(address, src.remaining());
                if (r.readOnly()) {
                    src.position(src.limit());
                } else {
                    r.copyIn(address, src);
                }
            } finally {
                accesses.unlockRead(stamp);
            }
        }
    }

    @Override
    public boolean isMapped(long address, long length) {
        if (length < 1 || Long.compareUnsigned(address + length - 1, address) < 0) {
            return false;
        }
        return available(find(address), address) >= length;
    }

    @Override
    public String toString() {
        return "PhysicalMemory" + regions;
    }
}
