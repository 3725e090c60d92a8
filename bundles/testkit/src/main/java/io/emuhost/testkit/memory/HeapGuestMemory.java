package io.emuhost.testkit.memory;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * {@link GuestMemory} over heap byte arrays: one or more non-overlapping regions, each up to
 * 2 GiB − 1 bytes, zero-filled at creation. Addresses are unsigned 64-bit values.
 *
 * <p>Every access is checked at one choke point, {@link #region}: an access whose end passes 2^64
 * fails with {@link GuestMemoryException.AddressOverflow}, one whose first byte lies in no region
 * with {@link GuestMemoryException.InvalidAddress}, and one that runs past the end of its region
 * with {@link GuestMemoryException.PartialAccess}. Accesses allocate nothing. Regions are added
 * during set-up; accesses may run concurrently with each other and with {@link #addRegion}.
 */
public final class HeapGuestMemory implements GuestMemory {

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private volatile Region[] regions = new Region[0];

    /**
     * Creates guest memory with one region.
     *
     * @param base guest physical address of the region's first byte
     * @param size the region's size in bytes, at least 1
     */
    public HeapGuestMemory(long base, int size) {
        addRegion(base, size);
    }

    /**
     * Adds a zero-filled region.
     *
     * @param base guest physical address of the region's first byte
     * @param size the region's size in bytes, at least 1
     * @return this memory
     * @throws IllegalArgumentException if the size is not positive, the region would reach
     *     2^64, or it overlaps an existing region
     */
    public synchronized HeapGuestMemory addRegion(long base, int size) {
        if (size <= 0) {
            throw new IllegalArgumentException("region size must be positive: " + size);
        }
        if (overflows(base, size)) {
            throw new IllegalArgumentException(String.format("region 0x%x + 0x%x reaches 2^64", base, size));
        }
        for (Region r : regions) {
            if (r.contains(base) || Long.compareUnsigned(r.base - base, size) < 0) {
                throw new IllegalArgumentException(String.format(
                        "region 0x%x + 0x%x overlaps region 0x%x + 0x%x", base, size, r.base, r.bytes.length));
            }
        }
        Region[] grown = Arrays.copyOf(regions, regions.length + 1);
        grown[regions.length] = new Region(base, new byte[size]);
        regions = grown;
        return this;
    }

    @Override
    public int readByte(long address) throws GuestMemoryException {
        Region r = region(address, 1);
        return r.bytes[r.index(address)] & 0xff;
    }

    @Override
    public int readShort(long address) throws GuestMemoryException {
        Region r = region(address, 2);
        return (short) SHORT.get(r.bytes, r.index(address)) & 0xffff;
    }

    @Override
    public int readInt(long address) throws GuestMemoryException {
        Region r = region(address, 4);
        return (int) INT.get(r.bytes, r.index(address));
    }

    @Override
    public long readLong(long address) throws GuestMemoryException {
        Region r = region(address, 8);
        return (long) LONG.get(r.bytes, r.index(address));
    }

    @Override
    public void writeByte(long address, int value) throws GuestMemoryException {
        Region r = region(address, 1);
        r.bytes[r.index(address)] = (byte) value;
    }

    @Override
    public void writeShort(long address, int value) throws GuestMemoryException {
        Region r = region(address, 2);
        SHORT.set(r.bytes, r.index(address), (short) value);
    }

    @Override
    public void writeInt(long address, int value) throws GuestMemoryException {
        Region r = region(address, 4);
        INT.set(r.bytes, r.index(address), value);
    }

    @Override
    public void writeLong(long address, long value) throws GuestMemoryException {
        Region r = region(address, 8);
        LONG.set(r.bytes, r.index(address), value);
    }

    @Override
    public void read(long address, byte[] dst, int offset, int length) throws GuestMemoryException {
        Objects.checkFromIndexSize(offset, length, dst.length);
        Region r = region(address, length);
        System.arraycopy(r.bytes, r.index(address), dst, offset, length);
    }

    @Override
    public void write(long address, byte[] src, int offset, int length) throws GuestMemoryException {
        Objects.checkFromIndexSize(offset, length, src.length);
        Region r = region(address, length);
        System.arraycopy(src, offset, r.bytes, r.index(address), length);
    }

    @Override
    public void read(long address, ByteBuffer dst) throws GuestMemoryException {
        int length = dst.remaining();
        Region r = region(address, length);
        dst.put(r.bytes, r.index(address), length);
    }

    @Override
    public void write(long address, ByteBuffer src) throws GuestMemoryException {
        int length = src.remaining();
        Region r = region(address, length);
        src.get(r.bytes, r.index(address), length);
    }

    @Override
    public boolean isMapped(long address, long length) {
        if (length < 1 || overflows(address, length)) {
            return false;
        }
        Region r = find(regions, address);
        return r != null && Long.compareUnsigned(length, r.available(address)) <= 0;
    }

    /**
     * Sets bytes to one value (test set-up).
     *
     * @param address first byte
     * @param length number of bytes
     * @param value the byte value (low 8 bits)
     * @throws UncheckedGuestMemoryException if the range is not inside one region
     */
    public void fill(long address, int length, int value) {
        try {
            Region r = region(address, length);
            int from = r.index(address);
            Arrays.fill(r.bytes, from, from + length, (byte) value);
        } catch (GuestMemoryException e) {
            throw new UncheckedGuestMemoryException(e);
        }
    }

    /**
     * Copies bytes out (test assertions).
     *
     * @param address first byte
     * @param length number of bytes
     * @return a new array with the bytes
     * @throws UncheckedGuestMemoryException if the range is not inside one region
     */
    public byte[] bytes(long address, int length) {
        byte[] copy = new byte[length];
        try {
            read(address, copy, 0, length);
        } catch (GuestMemoryException e) {
            throw new UncheckedGuestMemoryException(e);
        }
        return copy;
    }

    /**
     * Copies bytes in (test set-up).
     *
     * @param address first byte
     * @param data the bytes
     * @throws UncheckedGuestMemoryException if the range is not inside one region
     */
    public void put(long address, byte... data) {
        try {
            write(address, data, 0, data.length);
        } catch (GuestMemoryException e) {
            throw new UncheckedGuestMemoryException(e);
        }
    }

    /** The one bounds check every access goes through. */
    private Region region(long address, long length) throws GuestMemoryException {
        if (overflows(address, length)) {
            throw new GuestMemoryException.AddressOverflow(address, length);
        }
        Region r = find(regions, address);
        if (r == null) {
            throw new GuestMemoryException.InvalidAddress(address, length);
        }
        long available = r.available(address);
        if (Long.compareUnsigned(length, available) > 0) {
            throw new GuestMemoryException.PartialAccess(address, length, available);
        }
        return r;
    }

    private static boolean overflows(long address, long length) {
        long end = address + length;
        return length != 0 && Long.compareUnsigned(end, address) <= 0;
    }

    private static Region find(Region[] rs, long address) {
        for (Region r : rs) {
            if (r.contains(address)) {
                return r;
            }
        }
        return null;
    }

    private record Region(long base, byte[] bytes) {

        boolean contains(long address) {
            return Long.compareUnsigned(address - base, bytes.length) < 0;
        }

        int index(long address) {
            return (int) (address - base);
        }

        long available(long address) {
            return bytes.length - (address - base);
        }
    }
}
