package io.emuhost.qtest.internal;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import java.nio.ByteBuffer;

/**
 * Heap guest memory whose one file-like region can lose its tail, as a backing file truncated
 * under its mapping does: accesses that touch the lost bytes fail with
 * {@link GuestMemoryException.BackingStoreFault}, the rest of the region still works.
 */
final class ShrinkableMemory implements GuestMemory {

    private final GuestMemory memory;
    private final long regionBase;
    private final long regionSize;
    private final String regionName;
    private volatile long kept;

    ShrinkableMemory(GuestMemory memory, long regionBase, long regionSize, String regionName) {
        this.memory = memory;
        this.regionBase = regionBase;
        this.regionSize = regionSize;
        this.regionName = regionName;
        this.kept = regionSize;
    }

    /** Keeps only the first {@code bytes} of the region backed. */
    void truncate(long bytes) {
        kept = bytes;
    }

    private void check(long address, long length) throws GuestMemoryException.BackingStoreFault {
        long goneFrom = regionBase + kept;
        long regionEnd = regionBase + regionSize;
        if (address < regionEnd && address + length > goneFrom) {
            throw new GuestMemoryException.BackingStoreFault(address, length, regionName);
        }
    }

    @Override
    public int readByte(long address) throws GuestMemoryException {
        check(address, 1);
        return memory.readByte(address);
    }

    @Override
    public int readShort(long address) throws GuestMemoryException {
        check(address, 2);
        return memory.readShort(address);
    }

    @Override
    public int readInt(long address) throws GuestMemoryException {
        check(address, 4);
        return memory.readInt(address);
    }

    @Override
    public long readLong(long address) throws GuestMemoryException {
        check(address, 8);
        return memory.readLong(address);
    }

    @Override
    public void writeByte(long address, int value) throws GuestMemoryException {
        check(address, 1);
        memory.writeByte(address, value);
    }

    @Override
    public void writeShort(long address, int value) throws GuestMemoryException {
        check(address, 2);
        memory.writeShort(address, value);
    }

    @Override
    public void writeInt(long address, int value) throws GuestMemoryException {
        check(address, 4);
        memory.writeInt(address, value);
    }

    @Override
    public void writeLong(long address, long value) throws GuestMemoryException {
        check(address, 8);
        memory.writeLong(address, value);
    }

    @Override
    public void read(long address, byte[] dst, int offset, int length) throws GuestMemoryException {
        check(address, length);
        memory.read(address, dst, offset, length);
    }

    @Override
    public void write(long address, byte[] src, int offset, int length) throws GuestMemoryException {
        check(address, length);
        memory.write(address, src, offset, length);
    }

    @Override
    public void read(long address, ByteBuffer dst) throws GuestMemoryException {
        check(address, dst.remaining());
        memory.read(address, dst);
    }

    @Override
    public void write(long address, ByteBuffer src) throws GuestMemoryException {
        check(address, src.remaining());
        memory.write(address, src);
    }

    @Override
    public boolean isMapped(long address, long length) {
        return memory.isMapped(address, length);
    }
}
