package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.api.virtio.DescriptorChain;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.api.virtio.VirtQueueException;
import io.emuhost.api.virtio.VirtioInterrupt;

/**
 * A virtio-pmem device between DRIVER_OK and reset: the request queue's available side (this
 * class, driven by the notifying thread) and its used side ({@link GroupCommit}, on the backend's
 * flush executor). A new activation starts from scratch, so nothing of a previous one survives a
 * reset.
 */
final class Activation {

    private final GuestMemory memory;
    private final VirtQueue queue;
    private final RequestTable requests;
    private final NeedsResetLatch needsReset;
    private final PmemStatistics statistics;
    private final GroupCommit commit;
    private final byte[] scratch = new byte[PmemRequestParser.REQUEST_SIZE];

    Activation(MemoryBackend backend, GuestMemory memory, VirtQueue queue, VirtioInterrupt interrupt,
            PmemStatistics statistics) {
        this.memory = memory;
        this.queue = queue;
        this.requests = new RequestTable(queue.size());
        this.needsReset = new NeedsResetLatch(interrupt);
        this.statistics = statistics;
        this.commit = new GroupCommit(backend, memory, queue, requests, needsReset, statistics);
    }

    /**
     * Takes every available chain off the queue and hands each request to the group commit.
     * Called by one notifying thread at a time. QEMU 7.2 pops one chain per notification and
     * treats an empty queue as an error (reference §4.3, §4.4); the spec asks neither, so every
     * chain is served and a spurious notification is harmless (virtio 1.2 §2.7.13).
     */
    void serveAvailable() {
        while (!needsReset.isSet()) {
            int head;
            try {
                DescriptorChain chain = queue.pop();
                if (chain == null) {
                    return;
                }
                head = PmemRequestParser.parse(chain, memory, scratch, requests, System.nanoTime());
            } catch (VirtQueueException | PmemRequestException e) {
                statistics.rejected();
                needsReset.set(e);
                return;
            }
            commit.append(head);
        }
    }

    /**
     * Answers everything the driver has made available, then stops: takes the remaining chains
     * off the queue and waits until every accepted request is completed and notified
     * ({@link GroupCommit#drain()}). Called by the thread that serializes notifications.
     */
    void drain() {
        serveAvailable();
        commit.drain();
    }

    /** Stops the activation: see {@link GroupCommit#stop()}. */
    void stop() {
        commit.stop();
    }
}
