package io.emuhost.api.virtio;

import io.emuhost.api.memory.GuestMemoryException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A validated descriptor chain, indirect tables already expanded (virtio 1.2 §2.7.5, §2.7.7).
 * Device-readable buffers come first, then device-writable ones. Buffers are indexed
 * 0..{@link #count()}-1 in chain order.
 */
@ProviderType
public interface DescriptorChain {

    /**
     * The head descriptor index, used to return the chain.
     *
     * @return the head index
     */
    int head();

    /**
     * The number of buffers.
     *
     * @return the buffer count
     */
    int count();

    /**
     * The number of device-readable buffers (they are buffers 0..readableCount-1).
     *
     * @return the readable buffer count
     */
    int readableCount();

    /**
     * A buffer's guest physical address.
     *
     * @param buffer buffer index
     * @return the address
     */
    long address(int buffer);

    /**
     * A buffer's length in bytes: the descriptor's {@code le32 len} (virtio 1.2 §2.7.5), unsigned,
     * so from 1 to 2^32 - 1 (a zero-length buffer never reaches a device).
     *
     * @param buffer buffer index
     * @return the length
     */
    long length(int buffer);

    /**
     * The total length of the device-readable buffers.
     *
     * @return bytes
     */
    long readableLength();

    /**
     * The total length of the device-writable buffers.
     *
     * @return bytes
     */
    long writableLength();

    /**
     * Copies bytes from the device-readable buffers, seen as one contiguous stream.
     *
     * @param offset offset in the readable stream
     * @param dst destination
     * @param dstOffset first index in {@code dst}
     * @param length bytes wanted
     * @return bytes copied: less than {@code length} if the stream ends first
     * @throws GuestMemoryException if a buffer is not in guest memory
     */
    int readReadable(long offset, byte[] dst, int dstOffset, int length) throws GuestMemoryException;

    /**
     * Copies bytes into the device-writable buffers, seen as one contiguous stream.
     *
     * @param offset offset in the writable stream
     * @param src source
     * @param srcOffset first index in {@code src}
     * @param length bytes to write
     * @return bytes copied: less than {@code length} if the stream ends first
     * @throws GuestMemoryException if a buffer is not in guest memory
     */
    int writeWritable(long offset, byte[] src, int srcOffset, int length) throws GuestMemoryException;
}
