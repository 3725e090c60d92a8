package io.emuhost.virtio.split.internal;

import static io.emuhost.virtio.split.internal.SplitRing.DESC_ADDR;
import static io.emuhost.virtio.split.internal.SplitRing.DESC_FLAGS;
import static io.emuhost.virtio.split.internal.SplitRing.DESC_LEN;
import static io.emuhost.virtio.split.internal.SplitRing.DESC_NEXT;
import static io.emuhost.virtio.split.internal.SplitRing.DESC_SIZE;
import static io.emuhost.virtio.split.internal.SplitRing.TOTAL_LENGTH_LIMIT;
import static io.emuhost.virtio.split.internal.SplitRing.VIRTQ_DESC_F_INDIRECT;
import static io.emuhost.virtio.split.internal.SplitRing.VIRTQ_DESC_F_NEXT;
import static io.emuhost.virtio.split.internal.SplitRing.VIRTQ_DESC_F_WRITE;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.api.virtio.DescriptorChain;
import io.emuhost.api.virtio.VirtQueueException;
import java.util.Objects;

/**
 * The buffers of one popped chain, copied out of the descriptor table so the driver cannot change
 * them afterwards. One instance per ring, refilled by every pop ({@link #parse}); its arrays hold
 * the longest chain the queue allows (the queue size, virtio 1.2 §2.7.5.3.1). Lengths are the
 * descriptors' unsigned 32-bit values.
 *
 * <p>{@link #parse} walks a chain from its head, checking every rule of virtio 1.2
 * §2.7.4-§2.7.5. Every loop is bounded: a table is walked at most as many times as it has
 * entries. Nothing is allocated unless it throws.
 */
final class SplitDescriptorChain implements DescriptorChain {

    private final GuestMemory memory;
    private final long descTable;
    private final int queueSize;
    private final boolean indirectNegotiated;
    private final long[] addresses;
    private final int[] lengths;
    private int head;
    private int count;
    private int readableCount;
    private long readableLength;
    private long writableLength;

    SplitDescriptorChain(GuestMemory memory, long descTable, int queueSize, boolean indirectNegotiated) {
        this.memory = memory;
        this.descTable = descTable;
        this.queueSize = queueSize;
        this.indirectNegotiated = indirectNegotiated;
        this.addresses = new long[queueSize];
        this.lengths = new int[queueSize];
    }

    SplitDescriptorChain parse(int head) throws VirtQueueException, GuestMemoryException {
        clear(head);
        long table = descTable;
        int tableSize = queueSize;
        int ttl = queueSize;
        boolean inIndirect = false;
        int index = head;
        while (true) {
            if (ttl-- == 0) {
                // virtio 1.2 §2.7.5.2: a chain visiting more entries than its table has loops
                throw new VirtQueueException.DescriptorLoop(head);
            }
            long desc = table + (long) DESC_SIZE * index;
            long addr = memory.readLong(desc + DESC_ADDR);
            long len = Integer.toUnsignedLong(memory.readInt(desc + DESC_LEN));
            int flags = memory.readShort(desc + DESC_FLAGS);
            if ((flags & VIRTQ_DESC_F_INDIRECT) != 0) {
                checkIndirect(inIndirect, flags, len);
                table = addr;
                tableSize = (int) (len / DESC_SIZE);
                ttl = tableSize;
                inIndirect = true;
                index = 0;
                continue;
            }
            addBuffer(head, addr, len, (flags & VIRTQ_DESC_F_WRITE) != 0);
            if ((flags & VIRTQ_DESC_F_NEXT) == 0) {
                return this;
            }
            int next = memory.readShort(desc + DESC_NEXT);
            if (next >= tableSize) {
                throw new VirtQueueException.NextOutOfRange(next);
            }
            index = next;
        }
    }

    private void checkIndirect(boolean inIndirect, int flags, long len) throws VirtQueueException {
        // virtio 1.2 §2.7.5.3.1: one table per descriptor
        if (inIndirect) {
            throw new VirtQueueException.NestedIndirect();
        }
        // virtio 1.2 §2.7.5.3.1: INDIRECT only with VIRTIO_F_INDIRECT_DESC
        if (!indirectNegotiated) {
            throw new VirtQueueException.IndirectNotNegotiated();
        }
        // virtio 1.2 §2.7.5.3.1: not both INDIRECT and NEXT
        if ((flags & VIRTQ_DESC_F_NEXT) != 0) {
            throw new VirtQueueException.IndirectWithNext();
        }
        // virtio 1.2 §2.7.5.3: the table holds len / 16 whole descriptors
        if (len == 0 || len % DESC_SIZE != 0) {
            throw new VirtQueueException.IndirectTableSize(len);
        }
    }

    private void addBuffer(int head, long addr, long len, boolean writable) throws VirtQueueException {
        if (len == 0) {
            throw new VirtQueueException.ZeroLengthBuffer();
        }
        // virtio 1.2 §2.7.4.2: device-writable buffers come after all device-readable ones
        if (!writable && hasWritable()) {
            throw new VirtQueueException.WritableBeforeReadable();
        }
        // virtio 1.2 §2.7.5.3.1: no chain longer than the queue size, indirect tables included
        if (isFull()) {
            throw new VirtQueueException.DescriptorLoop(head);
        }
        // virtio 1.2 §2.7.5.2: less than 2^32 bytes in total
        long total = totalLength() + len;
        if (total >= TOTAL_LENGTH_LIMIT) {
            throw new VirtQueueException.TotalLengthOverflow(total);
        }
        add(addr, len, writable);
    }

    private void clear(int newHead) {
        head = newHead;
        count = 0;
        readableCount = 0;
        readableLength = 0;
        writableLength = 0;
    }

    private boolean isFull() {
        return count == addresses.length;
    }

    private boolean hasWritable() {
        return count > readableCount;
    }

    private long totalLength() {
        return readableLength + writableLength;
    }

    private void add(long address, long length, boolean writable) {
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
