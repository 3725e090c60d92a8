package io.emuhost.virtio.split.internal;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.api.virtio.DescriptorChain;
import java.util.Objects;

/**
 * The buffers of one popped chain, copied out of the descriptor table so the driver cannot change
 * them afterwards. One instance per queue, refilled by every pop; its arrays hold the longest
 * chain the queue allows (the queue size, virtio 1.2 §2.7.5.3.1). Lengths are the descriptors'
 * unsigned 32-bit values.
 */
final class SplitDescriptorChain implements DescriptorChain {

    private final GuestMemory memory;
    private final long[] addresses;
    private final int[] lengths;
    private int head;
    private int count;
    private int readableCount;
    private long readableLength;
    private long writableLength;

    SplitDescriptorChain(GuestMemory memory, int capacity) {
        this.memory = memory;
        this.addresses = new long[capacity];
        this.lengths = new int[capacity];
    }

    void clear(int newHead) {
        head = newHead;
        count = 0;
        readableCount = 0;
        readableLength = 0;
        writableLength = 0;
    }

    boolean isFull() {
        return count == addresses.length;
    }

    boolean hasWritable() {
        return count > readableCount;
    }

    long totalLength() {
        return readableLength + writableLength;
    }

    void add(long address, long length, boolean writable) {
        addresses[count] = address;
        lengths[count] = (int) length;
        count++;
        if (writable) {
            writableLength += length;
        } else {
            readableCount++;
            readableLength += length;
        }
    }

    @Override
    public int head() {
        return head;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public int readableCount() {
        return readableCount;
    }

    @Override
    public long address(int buffer) {
        return addresses[Objects.checkIndex(buffer, count)];
    }

    @Override
    public long length(int buffer) {
        return Integer.toUnsignedLong(lengths[Objects.checkIndex(buffer, count)]);
    }

    @Override
    public long readableLength() {
        return readableLength;
    }

    @Override
    public long writableLength() {
        return writableLength;
    }

    @Override
    public int readReadable(long offset, byte[] dst, int dstOffset, int length) throws GuestMemoryException {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        return copy(0, readableCount, offset, dst, dstOffset, length, false);
    }

    @Override
    public int writeWritable(long offset, byte[] src, int srcOffset, int length) throws GuestMemoryException {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        return copy(readableCount, count, offset, src, srcOffset, length, true);
    }

    private int copy(int first, int end, long offset, byte[] array, int arrayOffset, int length, boolean toGuest)
            throws GuestMemoryException {
        if (offset < 0) {
            throw new IndexOutOfBoundsException("negative stream offset " + offset);
        }
        long skip = offset;
        int done = 0;
        for (int buffer = first; buffer < end && done < length; buffer++) {
            long bufferLength = Integer.toUnsignedLong(lengths[buffer]);
            if (skip >= bufferLength) {
                skip -= bufferLength;
                continue;
            }
            int n = (int) Math.min(bufferLength - skip, length - done);
            if (toGuest) {
                memory.write(addresses[buffer] + skip, array, arrayOffset + done, n);
            } else {
                memory.read(addresses[buffer] + skip, array, arrayOffset + done, n);
            }
            done += n;
            skip = 0;
        }
        return done;
    }
}
