package io.emuhost.testkit.virtqueue;

import static io.emuhost.testkit.virtqueue.SplitRing.AVAIL_FLAGS;
import static io.emuhost.testkit.virtqueue.SplitRing.AVAIL_IDX;
import static io.emuhost.testkit.virtqueue.SplitRing.AVAIL_RING;
import static io.emuhost.testkit.virtqueue.SplitRing.DESC_ADDR;
import static io.emuhost.testkit.virtqueue.SplitRing.DESC_FLAGS;
import static io.emuhost.testkit.virtqueue.SplitRing.DESC_LEN;
import static io.emuhost.testkit.virtqueue.SplitRing.DESC_NEXT;
import static io.emuhost.testkit.virtqueue.SplitRing.DESC_SIZE;
import static io.emuhost.testkit.virtqueue.SplitRing.F_INDIRECT;
import static io.emuhost.testkit.virtqueue.SplitRing.F_NEXT;
import static io.emuhost.testkit.virtqueue.SplitRing.F_WRITE;
import static io.emuhost.testkit.virtqueue.SplitRing.USED_ELEM_SIZE;
import static io.emuhost.testkit.virtqueue.SplitRing.USED_FLAGS;
import static io.emuhost.testkit.virtqueue.SplitRing.USED_F_NO_NOTIFY;
import static io.emuhost.testkit.virtqueue.SplitRing.USED_IDX;
import static io.emuhost.testkit.virtqueue.SplitRing.USED_RING;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.testkit.memory.UncheckedGuestMemoryException;
import java.lang.invoke.VarHandle;

/**
 * The driver side of a split virtqueue (virtio 1.2 §2.7), laid out in guest memory at given
 * addresses: what a guest driver does to offer buffers and collect used ones.
 *
 * <p>{@link #addChain} and {@link #addIndirectChain} take descriptors from a free list
 * ({@link DescriptorFreeList}), write them, and publish the head (ring entry, write barrier,
 * {@code avail.idx}); {@link #pollUsed} returns used elements in order and gives their
 * descriptors back. The raw tools ({@link #writeDescriptor}, {@link #publish},
 * {@link #setAvailIdx}, ...) bypass the free list for malformed-input tests; mixing them with
 * the chain methods is the caller's business.
 *
 * <p>Not thread-safe: one driver thread uses it, while the device may run concurrently.
 * Memory faults throw {@link UncheckedGuestMemoryException}.
 */
public final class DriverSplitQueue {

    private final GuestMemory memory;
    private final int size;
    private final long descTable;
    private final long availRing;
    private final long usedRing;
    private final DescriptorFreeList descriptors;
    private int availIdx;
    private int lastUsedIdx;
    private int availIdxAtKick;
    private int takenId;
    private int takenLength;

    /**
     * Lays out an empty queue: zeroes the three parts and frees every descriptor.
     *
     * @param memory guest memory holding the rings
     * @param size queue size, 1..32768
     * @param descTable address of the descriptor table, 16-byte aligned
     * @param availRing address of the available ring, 2-byte aligned
     * @param usedRing address of the used ring, 4-byte aligned
     * @throws IllegalArgumentException if the size or an alignment is wrong (virtio 1.2 §2.7)
     * @throws UncheckedGuestMemoryException if a part is not in guest memory
     */
    public DriverSplitQueue(GuestMemory memory, int size, long descTable, long availRing, long usedRing) {
        if (size < 1 || size > SplitRing.MAX_QUEUE_SIZE) {
            throw new IllegalArgumentException("queue size out of range: " + size);
        }
        requireAligned("descriptor table", descTable, SplitRing.DESC_ALIGN);
        requireAligned("available ring", availRing, SplitRing.AVAIL_ALIGN);
        requireAligned("used ring", usedRing, SplitRing.USED_ALIGN);
        this.memory = memory;
        this.size = size;
        this.descTable = descTable;
        this.availRing = availRing;
        this.usedRing = usedRing;
        this.descriptors = new DescriptorFreeList(size);
        zero(descTable, SplitRing.descTableSize(size));
        zero(availRing, SplitRing.availRingSize(size));
        zero(usedRing, SplitRing.usedRingSize(size));
    }

    /**
     * The queue size.
     *
     * @return number of descriptors
     */
    public int size() {
        return size;
    }

    /**
     * Offers a chain of direct descriptors linked with VIRTQ_DESC_F_NEXT, in the order given
     * (a well-formed chain lists readable buffers first, §2.7.4.2), and publishes it.
     *
     * @param buffers the buffers, at least one
     * @return the head descriptor index
     * @throws DescriptorTableFull if fewer descriptors than buffers are free
     */
    public int addChain(Buffer... buffers) {
        if (buffers.length == 0) {
            throw new IllegalArgumentException("a chain needs at least one buffer");
        }
        if (descriptors.freeCount() < buffers.length) {
            throw new DescriptorTableFull(buffers.length, descriptors.freeCount());
        }
        int head = descriptors.peek();
        for (int i = 0; i < buffers.length; i++) {
            int index = descriptors.take();
            boolean last = i == buffers.length - 1;
            int following = last ? 0 : descriptors.peek();
            Buffer b = buffers[i];
            writeDescriptor(index, b.addr(), b.len(), (b.writable() ? F_WRITE : 0) | (last ? 0 : F_NEXT), following);
            descriptors.link(index, following);
        }
        descriptors.chain(head, buffers.length);
        publish(head);
        return head;
    }

    /**
     * Offers the buffers through one VIRTQ_DESC_F_INDIRECT descriptor pointing to a table
     * written at {@code tableAddr} (§2.7.5.3), as Linux sends a virtio-pmem flush, and publishes it.
     *
     * @param tableAddr guest address for the indirect table ({@code 16 * buffers.length} bytes)
     * @param buffers the buffers, at least one
     * @return the head descriptor index
     * @throws DescriptorTableFull if no descriptor is free
     */
    public int addIndirectChain(long tableAddr, Buffer... buffers) {
        if (buffers.length == 0) {
            throw new IllegalArgumentException("a chain needs at least one buffer");
        }
        if (descriptors.freeCount() < 1) {
            throw new DescriptorTableFull(1, 0);
        }
        for (int i = 0; i < buffers.length; i++) {
            boolean last = i == buffers.length - 1;
            Buffer b = buffers[i];
            writeTableEntry(tableAddr, i, b.addr(), b.len(), (b.writable() ? F_WRITE : 0) | (last ? 0 : F_NEXT),
                    last ? 0 : i + 1);
        }
        int head = descriptors.take();
        writeDescriptor(head, tableAddr, DESC_SIZE * buffers.length, F_INDIRECT, 0);
        descriptors.chain(head, 1);
        publish(head);
        return head;
    }

    /**
     * Writes one descriptor of the queue's table, raw.
     *
     * @param index descriptor index, 0..size-1
     * @param addr buffer address
     * @param len buffer length (unsigned 32-bit)
     * @param flags VIRTQ_DESC_F_* bits
     * @param nextIndex the {@code next} field
     */
    public void writeDescriptor(int index, long addr, int len, int flags, int nextIndex) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("descriptor " + index + " of " + size);
        }
        writeTableEntry(descTable, index, addr, len, flags, nextIndex);
    }

    /**
     * Writes one entry of any descriptor table (for example an indirect one), raw.
     *
     * @param tableAddr the table's guest address
     * @param index entry index
     * @param addr buffer address
     * @param len buffer length (unsigned 32-bit)
     * @param flags VIRTQ_DESC_F_* bits
     * @param nextIndex the {@code next} field
     */
    public void writeTableEntry(long tableAddr, int index, long addr, int len, int flags, int nextIndex) {
        long d = tableAddr + (long) DESC_SIZE * index;
        try {
            memory.writeLong(d + DESC_ADDR, addr);
            memory.writeInt(d + DESC_LEN, len);
            memory.writeShort(d + DESC_FLAGS, flags);
            memory.writeShort(d + DESC_NEXT, nextIndex);
        } catch (GuestMemoryException e) {
            throw new UncheckedGuestMemoryException(e);
        }
    }

    /**
     * Puts a head into the next available ring slot, then (after a write barrier) increments
     * {@code avail.idx} (§2.7.13.2, §2.7.13.3). The head is not checked.
     *
     * @param head the value for the ring slot
     */
    public void publish(int head) {
        writeShort(availRing + AVAIL_RING + 2L * (availIdx % size), head);
        // virtio 1.2 §2.7.13.3.1: the ring entry is visible before the index that publishes it
        VarHandle.releaseFence();
        availIdx = (availIdx + 1) & 0xffff;
        writeShort(availRing + AVAIL_IDX, availIdx);
    }

    /**
     * Overwrites {@code avail.idx}, raw; later publishes continue from it.
     *
     * @param raw the new index (low 16 bits used)
     */
    public void setAvailIdx(int raw) {
        availIdx = raw & 0xffff;
        VarHandle.releaseFence();
        writeShort(availRing + AVAIL_IDX, availIdx);
    }

    /**
     * The driver's {@code avail.idx}.
     *
     * @return the index, 0..65535
     */
    public int availIdx() {
        return availIdx;
    }

    /**
     * Writes {@code avail.flags} (VIRTQ_AVAIL_F_NO_INTERRUPT, §2.7.7).
     *
     * @param flags the flags
     */
    public void setAvailFlags(int flags) {
        writeShort(availRing + AVAIL_FLAGS, flags);
    }

    /**
     * Writes {@code used_event} (§2.7.10): with VIRTIO_F_EVENT_IDX the device notifies once
     * {@code used.idx} passes it.
     *
     * @param usedEvent the event index (low 16 bits used)
     */
    public void setUsedEvent(int usedEvent) {
        writeShort(availRing + SplitRing.usedEventOffset(size), usedEvent);
    }

    /**
     * Reads {@code used.idx} from memory.
     *
     * @return the device's used index, 0..65535
     */
    public int usedIdx() {
        return readShort(usedRing + USED_IDX);
    }

    /**
     * Reads {@code used.flags} (VIRTQ_USED_F_NO_NOTIFY).
     *
     * @return the flags
     */
    public int usedFlags() {
        return readShort(usedRing + USED_FLAGS);
    }

    /**
     * Reads {@code avail_event} (§2.7.10), which the device maintains with VIRTIO_F_EVENT_IDX.
     *
     * @return the event index
     */
    public int availEvent() {
        return readShort(usedRing + SplitRing.availEventOffset(size));
    }

    /**
     * The index of the next used element the driver will read.
     *
     * @return the driver's last-seen used index, 0..65535
     */
    public int lastUsedIdx() {
        return lastUsedIdx;
    }

    /**
     * The number of descriptors not in use by a chain.
     *
     * @return free descriptors
     */
    public int freeDescriptors() {
        return descriptors.freeCount();
    }

    /**
     * Takes the next used element, if the device added one, and frees its chain's descriptors
     * when the id is the head of a chain this queue added.
     *
     * @return the element, or {@code null} if {@code used.idx} has not moved
     */
    public UsedElement pollUsed() {
        return takeUsed() ? new UsedElement(takenId, takenLength) : null;
    }

    /**
     * {@link #pollUsed} without allocating: the element goes to {@link #takenId()} and
     * {@link #takenLength()}.
     *
     * @return false if {@code used.idx} has not moved
     */
    public boolean takeUsed() {
        if (usedIdx() == lastUsedIdx) {
            return false;
        }
        // virtio 1.2 §2.7.13: read used.idx before the element it covers
        VarHandle.acquireFence();
        long elem = usedRing + USED_RING + (long) USED_ELEM_SIZE * (lastUsedIdx % size);
        try {
            takenId = memory.readInt(elem);
            takenLength = memory.readInt(elem + 4);
        } catch (GuestMemoryException e) {
            throw new UncheckedGuestMemoryException(e);
        }
        lastUsedIdx = (lastUsedIdx + 1) & 0xffff;
        descriptors.reclaim(takenId);
        return true;
    }

    /**
     * The id of the element the last successful {@link #takeUsed} took.
     *
     * @return the head descriptor index the device returned
     */
    public int takenId() {
        return takenId;
    }

    /**
     * The length of the element the last successful {@link #takeUsed} took.
     *
     * @return bytes the device wrote
     */
    public int takenLength() {
        return takenLength;
    }

    /**
     * Decides whether the buffers published since the last call need an available-buffer
     * notification (Linux's virtqueue_kick_prepare): with VIRTIO_F_EVENT_IDX by
     * {@code avail_event} (§2.7.10), else by VIRTQ_USED_F_NO_NOTIFY (§2.7.8).
     *
     * @param eventIdx whether VIRTIO_F_EVENT_IDX was negotiated
     * @return true if the driver should notify the device
     */
    public boolean prepareKick(boolean eventIdx) {
        VarHandle.fullFence();
        int old = availIdxAtKick;
        availIdxAtKick = availIdx;
        if (eventIdx) {
            return SplitRing.needEvent(availEvent(), availIdx, old);
        }
        return (usedFlags() & USED_F_NO_NOTIFY) == 0;
    }

    private int readShort(long address) {
        try {
            return memory.readShort(address);
        } catch (GuestMemoryException e) {
            throw new UncheckedGuestMemoryException(e);
        }
    }

    private void writeShort(long address, int value) {
        try {
            memory.writeShort(address, value);
        } catch (GuestMemoryException e) {
            throw new UncheckedGuestMemoryException(e);
        }
    }

    private void zero(long address, int length) {
        try {
            memory.write(address, new byte[length], 0, length);
        } catch (GuestMemoryException e) {
            throw new UncheckedGuestMemoryException(e);
        }
    }

    private static void requireAligned(String what, long address, int alignment) {
        if ((address & (alignment - 1)) != 0) {
            throw new IllegalArgumentException(String.format("%s at 0x%x is not %d-byte aligned (virtio 1.2 §2.7)",
                    what, address, alignment));
        }
    }

    @Override
    public String toString() {
        return String.format("DriverSplitQueue[size=%d, desc=0x%x, avail=0x%x, used=0x%x, availIdx=%d, lastUsed=%d, free=%d]",
                size, descTable, availRing, usedRing, availIdx, lastUsedIdx, descriptors.freeCount());
    }
}
