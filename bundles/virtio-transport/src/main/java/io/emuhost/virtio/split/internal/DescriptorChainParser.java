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
import io.emuhost.api.virtio.VirtQueueException;

/**
 * Walks a descriptor chain from its head into the queue's {@link SplitDescriptorChain}, checking
 * every rule of virtio 1.2 §2.7.4-§2.7.5. Every loop is bounded: a table is walked at most as
 * many times as it has entries. Allocates nothing unless it throws.
 */
final class DescriptorChainParser {

    private final GuestMemory memory;
    private final long descTable;
    private final int queueSize;
    private final boolean indirectNegotiated;
    private final SplitDescriptorChain chain;

    DescriptorChainParser(GuestMemory memory, long descTable, int queueSize, boolean indirectNegotiated) {
        this.memory = memory;
        this.descTable = descTable;
        this.queueSize = queueSize;
        this.indirectNegotiated = indirectNegotiated;
        this.chain = new SplitDescriptorChain(memory, queueSize);
    }

    SplitDescriptorChain parse(int head) throws VirtQueueException, GuestMemoryException {
        chain.clear(head);
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
                return chain;
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
        if (!writable && chain.hasWritable()) {
            throw new VirtQueueException.WritableBeforeReadable();
        }
        // virtio 1.2 §2.7.5.3.1: no chain longer than the queue size, indirect tables included
        if (chain.isFull()) {
            throw new VirtQueueException.DescriptorLoop(head);
        }
        // virtio 1.2 §2.7.5.2: less than 2^32 bytes in total
        long total = chain.totalLength() + len;
        if (total >= TOTAL_LENGTH_LIMIT) {
            throw new VirtQueueException.TotalLengthOverflow(total);
        }
        chain.add(addr, len, writable);
    }
}
