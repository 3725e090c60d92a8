package io.emuhost.virtio.pci.internal;

import io.emuhost.api.virtio.DescriptorChain;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.api.virtio.VirtQueueException;
import io.emuhost.virtio.split.internal.SplitVirtQueue;

/**
 * The queue a device holds for one index for the whole activation. It forwards to the ring the
 * driver enabled, and is empty (pops nothing, drops completions) while the queue is disabled or
 * reset with queue_reset (virtio 1.2 §2.6.1), so a re-enabled ring reaches the device without a
 * new activation.
 */
final class ResettableVirtQueue implements VirtQueue {

    private final int index;
    private volatile SplitVirtQueue ring;

    ResettableVirtQueue(int index) {
        this.index = index;
    }

    void attach(SplitVirtQueue newRing) {
        ring = newRing;
    }

    void detach() {
        ring = null;
    }

    boolean isAttached() {
        return ring != null;
    }

    /** The ring the driver enabled, or null. */
    SplitVirtQueue ring() {
        return ring;
    }

    @Override
    public int index() {
        return index;
    }

    @Override
    public int size() {
        SplitVirtQueue current = ring;
        return current == null ? 0 : current.size();
    }

    @Override
    public DescriptorChain pop() throws VirtQueueException {
        SplitVirtQueue current = ring;
        return current == null ? null : current.pop();
    }

    @Override
    public void addUsed(int head, int length) throws VirtQueueException {
        SplitVirtQueue current = ring;
        if (current != null) {
            current.addUsed(head, length);
        }
    }

    @Override
    public boolean notifyIfNeeded() throws VirtQueueException {
        SplitVirtQueue current = ring;
        return current != null && current.notifyIfNeeded();
    }
}
