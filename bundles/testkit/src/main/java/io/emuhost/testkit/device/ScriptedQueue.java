package io.emuhost.testkit.device;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.virtio.DescriptorChain;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.api.virtio.VirtQueueException;
import io.emuhost.api.virtio.VirtioInterrupt;
import io.emuhost.testkit.virtqueue.Buffer;
import io.emuhost.testkit.virtqueue.UsedElement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A device-side {@link VirtQueue} for a device's unit tests, with no ring in guest memory: the
 * test offers chains as {@link Buffer}s (which do live in the given guest memory), the device pops
 * them, writes into them and returns them, and the test reads the used elements. It keeps the
 * rules a real queue keeps for the device (virtio 1.2 §2.7): readable buffers before writable ones
 * (§2.7.4.2), no zero-length buffer, at most {@code size} descriptors in flight (§2.7.5); a head
 * returned twice or never popped is a device bug and fails with {@link IllegalStateException}.
 *
 * <p>Threading: like a real queue, one thread pops and one returns; the test's offers and reads
 * are synchronized with both. Not for hot-path measurements (it allocates per chain).
 */
public final class ScriptedQueue implements VirtQueue {

    private final GuestMemory memory;
    private final int index;
    private final int size;
    private final VirtioInterrupt interrupt;
    private final ArrayDeque<ScriptedChain> available = new ArrayDeque<>();
    private final List<ScriptedChain> inFlight = new ArrayList<>();
    private final List<UsedElement> used = new ArrayList<>();
    private VirtQueueException brokenRule;
    private int nextHead;
    private int descriptorsInUse;
    private int usedSinceNotify;

    /**
     * A queue the driver set up with {@code size} descriptors.
     *
     * @param memory the guest memory the offered buffers are in
     * @param index the queue's index
     * @param size the queue size (virtio 1.2 §2.7: a power of 2, at most 32768)
     * @param interrupt where {@link #notifyIfNeeded} sends the used-buffer notification
     */
    public ScriptedQueue(GuestMemory memory, int index, int size, VirtioInterrupt interrupt) {
        if (size <= 0 || size > 32768 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("queue size must be a power of 2 up to 32768: " + size);
        }
        this.memory = memory;
        this.index = index;
        this.size = size;
        this.interrupt = interrupt;
    }

    /**
     * Makes one chain available, as a driver's avail ring entry would.
     *
     * @param buffers the chain's buffers, device-readable ones first
     * @return the chain's head descriptor index, which the device returns in {@link #addUsed}
     * @throws IllegalArgumentException for an empty chain, a zero-length buffer, or a readable
     *     buffer after a writable one
     * @throws IllegalStateException if the chains in flight would need more than {@code size}
     *     descriptors
     */
    public synchronized int offer(Buffer... buffers) {
        ScriptedChain chain = new ScriptedChain(memory, nextHead, List.of(buffers));
        if (descriptorsInUse + buffers.length > size) {
            throw new IllegalStateException("a queue of size " + size + " has " + (size - descriptorsInUse)
                    + " free descriptors, the chain needs " + buffers.length);
        }
        descriptorsInUse += buffers.length;
        nextHead = (nextHead + buffers.length) % size;
        available.add(chain);
        return chain.head();
    }

    /**
     * Makes the next {@link #pop} throw, as a real queue does when the driver broke a ring rule;
     * the queue stays broken (until the device is reset and given a new one).
     *
     * @param rule the rule the driver broke
     */
    public synchronized void breakRing(VirtQueueException rule) {
        brokenRule = rule;
    }

    /** @return the chains offered and not popped yet */
    public synchronized int availableCount() {
        return available.size();
    }

    /** @return the elements the device returned so far, in order */
    public synchronized List<UsedElement> used() {
        return List.copyOf(used);
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
    public synchronized DescriptorChain pop() throws VirtQueueException {
        if (brokenRule != null) {
            throw brokenRule;
        }
        ScriptedChain chain = available.poll();
        if (chain != null) {
            inFlight.add(chain);
        }
        return chain;
    }

    @Override
    public synchronized void addUsed(int head, int length) {
        ScriptedChain chain = inFlight.stream().filter(c -> c.head() == head).findFirst()
                .orElseThrow(() -> new IllegalStateException("head " + head + " is not in flight"));
        if (Integer.toUnsignedLong(length) > chain.writableLength()) {
            // virtio 1.2 §2.7.8.1: the device MUST NOT set len above the writable length
            throw new IllegalStateException("used length " + length + " > writable length " + chain.writableLength());
        }
        inFlight.remove(chain);
        descriptorsInUse -= chain.count();
        used.add(new UsedElement(head, length));
        usedSinceNotify++;
    }

    /** Notifies whenever buffers were used since the last notification (no suppression). */
    @Override
    public synchronized boolean notifyIfNeeded() {
        if (usedSinceNotify == 0) {
            return false;
        }
        usedSinceNotify = 0;
        interrupt.queue(index);
        return true;
    }
}
