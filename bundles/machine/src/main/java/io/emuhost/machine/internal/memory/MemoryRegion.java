package io.emuhost.machine.internal.memory;

import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.api.memory.MemoryBackend;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A range of guest physical addresses backed by part of a {@link MemoryBackend}: bytes
 * {@code [backendOffset, backendOffset + size)} of the backend appear at {@code [base, base + size)}.
 * Accesses go through the backend's cached window buffers with absolute get/put; an access that
 * straddles two windows is assembled byte by byte. Callers have checked the bounds. This is where
 * bytes move, so it is where a fault of the host memory (SIGBUS: the backing file shrank) becomes
 * a {@link GuestMemoryException.BackingStoreFault} for the access that met it ({@link HostFaults});
 * the region stays usable.
 */
public final class MemoryRegion {

    private static final long WINDOW_MASK = MemoryBackend.WINDOW_SIZE - 1;

    private final String name;
    private final long base;
    private final long size;
    private final MemoryBackend backend;
    private final long backendOffset;
    private final ByteBuffer[] windows;
    private final boolean canFault;
    /** The backend's readonly property, fixed for its life (hand-overs keep it). */
    private final boolean readOnly;
    /** Always 0: the dimension of {@link HostFaults#deliverPending}, not final so it is not folded. */
    private int faultBarrierDimension;

    /**
     * Creates a region.
     *
     * @param name the name {@code info mtree} would show, e.g. {@code ram-below-4g} or the backend id
     * @param base first guest physical address
     * @param size length in bytes, at least 1
     * @param backend the memory
     * @param backendOffset offset of {@code base} within the backend
     * @param windows the backend's windows, from {@link #windowsOf} (shared by regions of one backend)
     */
    public MemoryRegion(String name, long base, long size, MemoryBackend backend, long backendOffset,
            ByteBuffer[] windows) {
        if (size <= 0 || base < 0 || base + size < base || backendOffset < 0
                || backendOffset + size > backend.size()) {
            throw new IllegalArgumentException("bad region " + name + " [0x" + Long.toHexString(base)
                    + ":0x" + Long.toHexString(size) + "] at backend offset 0x" + Long.toHexString(backendOffset));
        }
        this.name = name;
        this.base = base;
        this.size = size;
        this.backend = backend;
        this.backendOffset = backendOffset;
        this.windows = windows;
        this.canFault = HostFaults.canFault(backend.type());
        this.readOnly = backend.readOnly();
    }

    /**
     * Caches the views of all windows of a backend, little-endian.
     *
     * @param backend the backend
     * @return one buffer per window
     */
    public static ByteBuffer[] windowsOf(MemoryBackend backend) {
        ByteBuffer[] windows = new ByteBuffer[backend.windowCount()];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = backend.window(i).order(ByteOrder.LITTLE_ENDIAN);
        }
        return windows;
    }

    /** @return the region name */
    public String name() {
        return name;
    }

    /** @return the first guest physical address */
    public long base() {
        return base;
    }

    /** @return the length in bytes */
    public long size() {
        return size;
    }

    /** @return the backend */
    public MemoryBackend backend() {
        return backend;
    }

    /** @return true if guest writes are dropped */
    public boolean readOnly() {
        return readOnly;
    }

    boolean contains(long address) {
        return address >= base && address - base < size;
    }

    boolean overlaps(long otherBase, long otherSize) {
        return otherBase < base + size && base < otherBase + otherSize;
    }

    /** Loads {@code width} (1, 2, 4 or 8) bytes at a guest address inside the region, zero-extended. */
    long load(long address, int width) throws GuestMemoryException.BackingStoreFault {
        if (!canFault) {
            return loadUnguarded(address, width);
        }
        try {
            long value = loadUnguarded(address, width);
            HostFaults.deliverPending(faultBarrierDimension);
            return value;
        } catch (InternalError e) {
            throw HostFaults.fault(address, width, name, e);
        }
    }

    private long loadUnguarded(long address, int width) {
        long offset = backendOffset + (address - base);
        ByteBuffer window = windows[(int) (offset >>> MemoryBackend.WINDOW_SHIFT)];
        int index = (int) (offset & WINDOW_MASK);
        if (index > window.limit() - width) {
            return loadStraddling(offset, width);
        }
        return switch (width) {
            case 1 -> window.get(index) & 0xffL;
            case 2 -> window.getShort(index) & 0xffffL;
            case 4 -> window.getInt(index) & 0xffff_ffffL;
            default -> window.getLong(index);
        };
    }

    /** Stores the low {@code width} bytes of {@code value} at a guest address inside the region. */
    void store(long address, int width, long value) throws GuestMemoryException.BackingStoreFault {
        if (!canFault) {
            storeUnguarded(address, width, value);
            return;
        }
        try {
            storeUnguarded(address, width, value);
            HostFaults.deliverPending(faultBarrierDimension);
        } catch (InternalError e) {
            throw HostFaults.fault(address, width, name, e);
        }
    }

    private void storeUnguarded(long address, int width, long value) {
        long offset = backendOffset + (address - base);
        ByteBuffer window = windows[(int) (offset >>> MemoryBackend.WINDOW_SHIFT)];
        int index = (int) (offset & WINDOW_MASK);
        if (index > window.limit() - width) {
            storeStraddling(offset, width, value);
            return;
        }
        switch (width) {
            case 1 -> window.put(index, (byte) value);
            case 2 -> window.putShort(index, (short) value);
            case 4 -> window.putInt(index, (int) value);
            default -> window.putLong(index, value);
        }
    }

    void copyOut(long address, byte[] dst, int dstOffset, int length) throws GuestMemoryException.BackingStoreFault {
        if (!canFault) {
            copyOutUnguarded(address, dst, dstOffset, length);
            return;
        }
        try {
            copyOutUnguarded(address, dst, dstOffset, length);
            HostFaults.deliverPending(faultBarrierDimension);
        } catch (InternalError e) {
            throw HostFaults.fault(address, length, name, e);
        }
    }

    private void copyOutUnguarded(long address, byte[] dst, int dstOffset, int length) {
        long offset = backendOffset + (address - base);
        while (length > 0) {
            ByteBuffer window = windows[(int) (offset >>> MemoryBackend.WINDOW_SHIFT)];
            int index = (int) (offset & WINDOW_MASK);
            int chunk = Math.min(length, window.limit() - index);
            window.get(index, dst, dstOffset, chunk);
            offset += chunk;
            dstOffset += chunk;
            length -= chunk;
        }
    }

    void copyIn(long address, byte[] src, int srcOffset, int length) throws GuestMemoryException.BackingStoreFault {
        if (!canFault) {
            copyInUnguarded(address, src, srcOffset, length);
            return;
        }
        try {
            copyInUnguarded(address, src, srcOffset, length);
            HostFaults.deliverPending(faultBarrierDimension);
        } catch (InternalError e) {
            throw HostFaults.fault(address, length, name, e);
        }
    }

    private void copyInUnguarded(long address, byte[] src, int srcOffset, int length) {
        long offset = backendOffset + (address - base);
        while (length > 0) {
            ByteBuffer window = windows[(int) (offset >>> MemoryBackend.WINDOW_SHIFT)];
            int index = (int) (offset & WINDOW_MASK);
            int chunk = Math.min(length, window.limit() - index);
            window.put(index, src, srcOffset, chunk);
            offset += chunk;
            srcOffset += chunk;
            length -= chunk;
        }
    }

    void copyOut(long address, ByteBuffer dst) throws GuestMemoryException.BackingStoreFault {
        int length = dst.remaining();
        if (!canFault) {
            copyOutUnguarded(address, dst);
            return;
        }
        try {
            copyOutUnguarded(address, dst);
            HostFaults.deliverPending(faultBarrierDimension);
        } catch (InternalError e) {
            throw HostFaults.fault(address, length, name, e);
        }
    }

    private void copyOutUnguarded(long address, ByteBuffer dst) {
        long offset = backendOffset + (address - base);
        while (dst.hasRemaining()) {
            ByteBuffer window = windows[(int) (offset >>> MemoryBackend.WINDOW_SHIFT)];
            int index = (int) (offset & WINDOW_MASK);
            int chunk = Math.min(dst.remaining(), window.limit() - index);
            dst.put(dst.position(), window, index, chunk);
            dst.position(dst.position() + chunk);
            offset += chunk;
        }
    }

    void copyIn(long address, ByteBuffer src) throws GuestMemoryException.BackingStoreFault {
        int length = src.remaining();
        if (!canFault) {
            copyInUnguarded(address, src);
            return;
        }
        try {
            copyInUnguarded(address, src);
            HostFaults.deliverPending(faultBarrierDimension);
        } catch (InternalError e) {
            throw HostFaults.fault(address, length, name, e);
        }
    }

    private void copyInUnguarded(long address, ByteBuffer src) {
        long offset = backendOffset + (address - base);
        while (src.hasRemaining()) {
            ByteBuffer window = windows[(int) (offset >>> MemoryBackend.WINDOW_SHIFT)];
            int index = (int) (offset & WINDOW_MASK);
            int chunk = Math.min(src.remaining(), window.limit() - index);
            window.put(index, src, src.position(), chunk);
            src.position(src.position() + chunk);
            offset += chunk;
        }
    }

    private long loadStraddling(long offset, int width) {
        long value = 0;
        for (int i = 0; i < width; i++) {
            value |= (byteAt(offset + i) & 0xffL) << (8 * i);
        }
        return value;
    }

    private void storeStraddling(long offset, int width, long value) {
        for (int i = 0; i < width; i++) {
            long at = offset + i;
            windows[(int) (at >>> MemoryBackend.WINDOW_SHIFT)].put((int) (at & WINDOW_MASK), (byte) (value >>> (8 * i)));
        }
    }

    private byte byteAt(long offset) {
        return windows[(int) (offset >>> MemoryBackend.WINDOW_SHIFT)].get((int) (offset & WINDOW_MASK));
    }

    @Override
    public String toString() {
        return name + " [0x" + Long.toHexString(base) + "-0x" + Long.toHexString(base + size - 1) + "]";
    }
}
