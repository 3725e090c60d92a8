package io.emuhost.virtio.pci.internal;

/**
 * One virtqueue's fields of the common configuration (virtio 1.2 §4.1.4.3) and the queue the
 * device sees. Fields other than {@link #msixVector} are guarded by the common configuration's
 * lock; the vector is read by the interrupt path without it.
 */
final class QueueRegisters {

    final int index;
    final int maxSize;
    final ResettableVirtQueue queue;
    int size;
    boolean enabled;
    long desc;
    long driver;
    long device;
    volatile int msixVector = VirtioPciInterrupt.NO_VECTOR;

    QueueRegisters(int index, int maxSize) {
        this.index = index;
        this.maxSize = maxSize;
        this.queue = new ResettableVirtQueue(index);
        this.size = maxSize;
    }

    /** Back to the state after a device or queue reset (§2.6.1, §4.1.4.3.1). */
    void reset() {
        queue.detach();
        size = maxSize;
        enabled = false;
        desc = 0;
        driver = 0;
        device = 0;
        msixVector = VirtioPciInterrupt.NO_VECTOR;
    }
}
