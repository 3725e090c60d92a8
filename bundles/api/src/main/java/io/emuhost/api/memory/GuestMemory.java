package io.emuhost.api.memory;

import java.nio.ByteBuffer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Guest physical memory: the only way devices and drivers touch the guest's RAM and device memory.
 *
 * <p>All accesses are little-endian (the byte order of virtio 1.x and of x86). Every access is
 * bounds-checked at one choke point: it either lies wholly inside one memory region or fails with a
 * {@link GuestMemoryException} naming the address; nothing is read or written on failure. An access
 * whose host memory faults (a backing file truncated under its mapping) fails with
 * {@link GuestMemoryException.BackingStoreFault}, for that access only. Accesses
 * allocate nothing, so they may be used on hot paths. Implementations are safe for concurrent use;
 * concurrent accesses to the same bytes have the same (absent) ordering guarantees as plain memory.
 * Writes to read-only regions (ROM) are silently dropped, as on real hardware.
 */
@ProviderType
public interface GuestMemory {

    /**
     * Reads one byte.
     *
     * @param address guest physical address
     * @return the byte, as an unsigned value 0..255
     * @throws GuestMemoryException if the address is not backed by memory
     */
    int readByte(long address) throws GuestMemoryException;

    /**
     * Reads a little-endian 16-bit value.
     *
     * @param address guest physical address
     * @return the value, as an unsigned value 0..65535
     * @throws GuestMemoryException if the two bytes are not backed by one memory region
     */
    int readShort(long address) throws GuestMemoryException;

    /**
     * Reads a little-endian 32-bit value.
     *
     * @param address guest physical address
     * @return the value
     * @throws GuestMemoryException if the four bytes are not backed by one memory region
     */
    int readInt(long address) throws GuestMemoryException;

    /**
     * Reads a little-endian 64-bit value.
     *
     * @param address guest physical address
     * @return the value
     * @throws GuestMemoryException if the eight bytes are not backed by one memory region
     */
    long readLong(long address) throws GuestMemoryException;

    /**
     * Writes one byte.
     *
     * @param address guest physical address
     * @param value the byte (low 8 bits are used)
     * @throws GuestMemoryException if the address is not backed by memory
     */
    void writeByte(long address, int value) throws GuestMemoryException;

    /**
     * Writes a little-endian 16-bit value.
     *
     * @param address guest physical address
     * @param value the value (low 16 bits are used)
     * @throws GuestMemoryException if the two bytes are not backed by one memory region
     */
    void writeShort(long address, int value) throws GuestMemoryException;

    /**
     * Writes a little-endian 32-bit value.
     *
     * @param address guest physical address
     * @param value the value
     * @throws GuestMemoryException if the four bytes are not backed by one memory region
     */
    void writeInt(long address, int value) throws GuestMemoryException;

    /**
     * Writes a little-endian 64-bit value.
     *
     * @param address guest physical address
     * @param value the value
     * @throws GuestMemoryException if the eight bytes are not backed by one memory region
     */
    void writeLong(long address, long value) throws GuestMemoryException;

    /**
     * Copies guest memory into an array.
     *
     * @param address guest physical address of the first byte
     * @param dst destination array
     * @param offset first index in {@code dst}
     * @param length number of bytes
     * @throws GuestMemoryException if the range is not backed by one memory region
     */
    void read(long address, byte[] dst, int offset, int length) throws GuestMemoryException;

    /**
     * Copies an array into guest memory.
     *
     * @param address guest physical address of the first byte
     * @param src source array
     * @param offset first index in {@code src}
     * @param length number of bytes
     * @throws GuestMemoryException if the range is not backed by one memory region
     */
    void write(long address, byte[] src, int offset, int length) throws GuestMemoryException;

    /**
     * Copies guest memory into the remaining bytes of a buffer, advancing its position.
     *
     * @param address guest physical address of the first byte
     * @param dst destination; {@code dst.remaining()} bytes are copied
     * @throws GuestMemoryException if the range is not backed by one memory region
     */
    void read(long address, ByteBuffer dst) throws GuestMemoryException;

    /**
     * Copies the remaining bytes of a buffer into guest memory, advancing its position.
     *
     * @param address guest physical address of the first byte
     * @param src source; {@code src.remaining()} bytes are copied
     * @throws GuestMemoryException if the range is not backed by one memory region
     */
    void write(long address, ByteBuffer src) throws GuestMemoryException;

    /**
     * Tells whether a range lies wholly inside one memory region.
     *
     * @param address guest physical address of the first byte
     * @param length number of bytes, at least 1
     * @return true if an access to the whole range would succeed
     */
    boolean isMapped(long address, long length);
}
