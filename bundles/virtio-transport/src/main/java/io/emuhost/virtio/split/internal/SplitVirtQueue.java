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
 * The device side of one split virtqueue (virtio 1.2 §2.7), for the whole life of its queue
 * index: attached to the three guest addresses the driver enabled, or detached (pops nothing,
 * drops completions) while the queue is disabled or reset with queue_reset (virtio 1.2 §2.6.1),
 * so a ring enabled again reaches the device through the same queue.
 *
 * <p>The available side ({@link #pop}) and the used side ({@link #addUsed},
 * {@link #notifyIfNeeded}) keep disjoint state, so one thread each may drive them concurrently;
 * each reads the ring's layout from one volatile field. Nothing allocates per request: the chain
 * returned by {@code pop} is the ring's own, refilled by the next {@code pop}.
 */
public final class SplitVirtQueue implements VirtQueue {

    /** Where the driver put the ring, and what it negotiated; replaced as a whole by attach. */
    private record Layout(GuestMemory memory, int size, long availRing, long usedRing, boolean eventIdx,
            long usedEventAddress, long availEventAddress, SplitDescriptorChain chain) {
    }

    private final int index;
    private final VirtioInterrupt interrupt;
    private volatile Layout layout;

    // available side
    private int lastAvailIdx;

    // used side
    private int usedIdx;
    private int signalledUsed;
    private boolean signalledUsedValid;

    /**
     * Creates a detached queue.
     *
     * @param index the queue index
     * @param interrupt where used-buffer notifications go
     */
    public SplitVirtQueue(int index, VirtioInterrupt interrupt) {
        this.index = index;
        this.interrupt = Objects.requireNonNull(interrupt);
    }

    /**
     * Creates the device side of a queue the driver has set up: see {@link #attach}.
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
        this(index, interrupt);
        attach(memory, size, descTable, availRing, usedRing, features);
    }

    /**
     * Attaches the ring the driver enabled, from its start. Neither side may run meanwhile.
     *
     * @param memory guest memory holding the rings and buffers
     * @param size the queue size: a power of two, at most 32768
     * @param descTable guest address of the descriptor table
     * @param availRing guest address of the available ring (driver area)
     * @param usedRing guest address of the used ring (device area)
     * @param features the negotiated features; F_EVENT_IDX and F_INDIRECT_DESC are used
     */
    public void attach(GuestMemory memory, int size, long descTable, long availRing, long usedRing, long features) {
        // virtio 1.2 §2.7: the queue size is a power of 2, at most 32768
        if (size <= 0 || size > SplitRing.MAX_QUEUE_SIZE || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("queue size must be a power of 2 up to 32768: " + size);
        }
        lastAvailIdx = 0;
        usedIdx = 0;
        signalledUsed = 0;
        signalledUsedValid = false;
        layout = new Layout(Objects.requireNonNull(memory), size, availRing, usedRing,
                (features & (1L << VirtioIds.F_EVENT_IDX)) != 0, SplitRing.usedEventAddress(availRing, size),
                SplitRing.availEventAddress(usedRing, size), new SplitDescriptorChain(memory, descTable, size,
                        (features & (1L << VirtioIds.F_INDIRECT_DESC)) != 0));
    }

    /** Detaches the ring (queue disabled or reset): pops nothing, completions are dropped. */
    public void detach() {
        layout = null;
    }

    /**
     * Whether a ring is attached.
     *
     * @return true between {@link #attach} and {@link #detach}
     */
    public boolean isAttached() {
        return layout != null;
    }

    /**
     * Where the attached ring stands, for a hand-over. Only while neither side runs.
     *
     * @return the position, or null if no ring is attached
     */
    public RingPosition position() {
        return layout == null ? null : new RingPosition(lastAvailIdx, usedIdx, signalledUsed, signalledUsedValid);
    }

    /**
     * Continues from a position another queue over the same rings saved, after {@link #attach}
     * and before either side runs.
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
        Layout ring = layout;
        return ring == null ? 0 : ring.size;
    }

    @Override
    public DescriptorChain pop() throws VirtQueueException {
        Layout ring = layout;
        if (ring == null) {
            return null;
        }
        GuestMemory memory = ring.memory;
        int size = ring.size;
        try {
            int availIdx = memory.readShort(ring.availRing + AVAIL_IDX);
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
            int head = memory.readShort(ring.availRing + AVAIL_RING + 2L * (lastAvailIdx & (size - 1)));
            if (head >= size) {
                throw new VirtQueueException.HeadOutOfRange(head);
            }
            DescriptorChain chain = ring.chain.parse(head);
            lastAvailIdx = (lastAvailIdx + 1) & 0xffff;
            if (ring.eventIdx) {
                // virtio 1.2 §2.7.10: ask for a notification when the next buffer arrives; the
                // full fence orders this store before the next pop's load of avail->idx
                memory.writeShort(ring.availEventAddress, lastAvailIdx);
                VarHandle.fullFence();
            }
            return chain;
        } catch (GuestMemoryException e) {
            throw new VirtQueueException.MemoryFault(e);
        }
    }

    @Override
    public void addUsed(int head, int length) throws VirtQueueException {
        Layout ring = layout;
        if (ring == null) {
            return;
        }
        GuestMemory memory = ring.memory;
        Objects.checkIndex(head, ring.size);
        try {
            long elem = ring.usedRing + USED_RING + (long) USED_ELEM_SIZE * (usedIdx & (ring.size - 1));
            memory.writeInt(elem, head);
            memory.writeInt(elem + 4, length);
            // virtio 1.2 §2.7.8.2: the element is written before used->idx moves
            VarHandle.releaseFence();
            usedIdx = (usedIdx + 1) & 0xffff;
            memory.writeShort(ring.usedRing + USED_IDX, usedIdx);
        } catch (GuestMemoryException e) {
            throw new VirtQueueException.MemoryFault(e);
        }
    }

    @Override
    public boolean notifyIfNeeded() throws VirtQueueException {
        Layout ring = layout;
        if (ring == null) {
            return false;
        }
        GuestMemory memory = ring.memory;
        // used->idx must be visible before the driver's suppression fields are read
        VarHandle.fullFence();
        boolean notify;
        try {
            if (ring.eventIdx) {
                // virtio 1.2 §2.7.7.2: notify when used->idx passes used_event; always the first time
                int usedEvent = memory.readShort(ring.usedEventAddress);
                boolean valid = signalledUsedValid;
                int old = signalledUsed;
                signalledUsed = usedIdx;
                signalledUsedValid = true;
                notify = !valid || needEvent(usedEvent, usedIdx, old);
            } else {
                // virtio 1.2 §2.7.7.2: flags 1 means no notification wanted
                notify = (memory.readShort(ring.availRing + AVAIL_FLAGS) & VIRTQ_AVAIL_F_NO_INTERRUPT) == 0;
            }
        } catch (GuestMemoryException e) {
            throw new VirtQueueException.MemoryFault(e);
        }
        if (notify) {
            interrupt.queue(index);
        }
        return notify;
    }

    /**
     * vring_need_event (§2.7.7.2): whether moving an index from {@code old} to {@code next}
     * crossed {@code event}, in 16-bit wrapping arithmetic.
     */
    static boolean needEvent(int event, int next, int old) {
        return ((next - event - 1) & 0xffff) < ((next - old) & 0xffff);
    }
}
