package io.emuhost.virtio.split.internal;

import static io.emuhost.virtio.split.internal.SplitRing.AVAIL_FLAGS;
import static io.emuhost.virtio.split.internal.SplitRing.AVAIL_IDX;
import static io.emuhost.virtio.split.internal.SplitRing.AVAIL_RING;
import static io.emuhost.virtio.split.internal.SplitRing.USED_ELEM_SIZE;
import static io.emuhost.virtio.split.internal.SplitRing.USED_IDX;
import static io.emuhost.virtio.split.internal.SplitRing.USED_RING;
import static io.emuhost.virtio.split.internal.SplitRing.VIRTQ_AVAIL_F_NO_INTERRUPT;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.api.virtio.DescriptorChain;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.api.virtio.VirtQueueException;
import io.emuhost.api.virtio.VirtioIds;
import io.emuhost.api.virtio.VirtioInterrupt;
import java.lang.invoke.VarHandle;
import java.util.Objects;

/**
 * The device side of a split virtqueue (virtio 1.2 §2.7) laid out at three guest addresses.
 *
 * <p>The available side ({@link #pop}) and the used side ({@link #addUsed},
 * {@link #notifyIfNeeded}) keep disjoint state, so one thread each may drive them concurrently.
 * Nothing allocates per request: the chain returned by {@code pop} is the queue's own, refilled
 * by the next {@code pop}.
 */
public final class SplitVirtQueue implements VirtQueue {

    private final GuestMemory memory;
    private final int index;
    private final int size;
    private final int mask;
    private final long availRing;
    private final long usedRing;
    private final boolean eventIdx;
    private final VirtioInterrupt interrupt;
    private final long usedEventAddress;
    private final long availEventAddress;

    // available side
    private final DescriptorChainParser parser;
    private int lastAvailIdx;

    // used side
    private int usedIdx;
    private int signalledUsed;
    private boolean signalledUsedValid;

    /**
     * Creates the device side of a queue the driver has set up.
     *
     * @param memory guest memory holding the rings and buffers
     * @param index the queue index
     * @param size the queue size: a power of two, at most 32768
     * @param descTable guest address of the descriptor table
     * @param availRing guest address of the available ring (driver area)
     * @param usedRing guest address of the used ring (device area)
     * @param features the negotiated features; F_EVENT_IDX and F_INDIRECT_DESC are used
     * @param interrupt where used-buffer notifications go
     */
    public SplitVirtQueue(GuestMemory memory, int index, int size, long descTable, long availRing, long usedRing,
            long features, VirtioInterrupt interrupt) {
        // virtio 1.2 §2.7: the queue size is a power of 2, at most 32768
        if (size <= 0 || size > SplitRing.MAX_QUEUE_SIZE || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("queue size must be a power of 2 up to 32768: " + size);
        }
        this.memory = Objects.requireNonNull(memory);
        this.index = index;
        this.size = size;
        this.mask = size - 1;
        this.availRing = availRing;
        this.usedRing = usedRing;
        this.eventIdx = (features & (1L << VirtioIds.F_EVENT_IDX)) != 0;
        this.interrupt = Objects.requireNonNull(interrupt);
        this.usedEventAddress = SplitRing.usedEventAddress(availRing, size);
        this.availEventAddress = SplitRing.availEventAddress(usedRing, size);
        this.parser = new DescriptorChainParser(memory, descTable, size,
                (features & (1L << VirtioIds.F_INDIRECT_DESC)) != 0);
    }

    /**
     * Where the queue stands, for a hand-over. Only while neither side runs.
     *
     * @return the position
     */
    public RingPosition position() {
        return new RingPosition(lastAvailIdx, usedIdx, signalledUsed, signalledUsedValid);
    }

    /**
     * Continues from a position another queue over the same rings saved, before either side runs.
     *
     * @param position the saved position
     */
    public void resume(RingPosition position) {
        lastAvailIdx = position.lastAvailIdx() & 0xffff;
        usedIdx = position.usedIdx() & 0xffff;
        signalledUsed = position.signalledUsed() & 0xffff;
        signalledUsedValid = position.signalledUsedValid();
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public DescriptorChain pop() throws VirtQueueException {
        try {
            int availIdx = memory.readShort(availRing + AVAIL_IDX);
            // virtio 1.2 §2.7.13.3.1: the driver's barrier before idx pairs with this one
            VarHandle.acquireFence();
            int pending = (availIdx - lastAvailIdx) & 0xffff;
            if (pending == 0) {
                return null;
            }
            // virtio 1.2 §2.7.13.3: idx never runs more than a ring ahead of the device
            if (pending > size) {
                throw new VirtQueueException.AvailIndexJump(lastAvailIdx, availIdx);
            }
            int head = memory.readShort(availRing + AVAIL_RING + 2L * (lastAvailIdx & mask));
            if (head >= size) {
                throw new VirtQueueException.HeadOutOfRange(head);
            }
            DescriptorChain chain = parser.parse(head);
            lastAvailIdx = (lastAvailIdx + 1) & 0xffff;
            if (eventIdx) {
                // virtio 1.2 §2.7.10: ask for a notification when the next buffer arrives; the
                // full fence orders this store before the next pop's load of avail->idx
                memory.writeShort(availEventAddress, lastAvailIdx);
                VarHandle.fullFence();
            }
            return chain;
        } catch (GuestMemoryException e) {
            throw new VirtQueueException.MemoryFault(e);
        }
    }

    @Override
    public void addUsed(int head, int length) throws VirtQueueException {
        Objects.checkIndex(head, size);
        try {
            long elem = usedRing + USED_RING + (long) USED_ELEM_SIZE * (usedIdx & mask);
            memory.writeInt(elem, head);
            memory.writeInt(elem + 4, length);
            // virtio 1.2 §2.7.8.2: the element is written before used->idx moves
            VarHandle.releaseFence();
            usedIdx = (usedIdx + 1) & 0xffff;
            memory.writeShort(usedRing + USED_IDX, usedIdx);
        } catch (GuestMemoryException e) {
            throw new VirtQueueException.MemoryFault(e);
        }
    }

    @Override
    public boolean notifyIfNeeded() throws VirtQueueException {
        // used->idx must be visible before the driver's suppression fields are read
        VarHandle.fullFence();
        boolean notify;
        try {
            if (eventIdx) {
                // virtio 1.2 §2.7.7.2: notify when used->idx passes used_event; always the first time
                int usedEvent = memory.readShort(usedEventAddress);
                boolean valid = signalledUsedValid;
                int old = signalledUsed;
                signalledUsed = usedIdx;
                signalledUsedValid = true;
                notify = !valid || SplitRing.needEvent(usedEvent, usedIdx, old);
            } else {
                // virtio 1.2 §2.7.7.2: flags 1 means no notification wanted
                notify = (memory.readShort(availRing + AVAIL_FLAGS) & VIRTQ_AVAIL_F_NO_INTERRUPT) == 0;
            }
        } catch (GuestMemoryException e) {
            throw new VirtQueueException.MemoryFault(e);
        }
        if (notify) {
            interrupt.queue(index);
        }
        return notify;
    }
}
