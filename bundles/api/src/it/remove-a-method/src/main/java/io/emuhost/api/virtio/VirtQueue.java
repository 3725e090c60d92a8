package io.emuhost.api.virtio;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The device side of one split virtqueue (virtio 1.2 §2.7). THE INCOMPATIBLE CHANGE: no
 * {@code notifyIfNeeded()}.
 *
 * <p>Threading: {@link #pop} is called by one thread at a time (the "available side"), and
 * {@link #addUsed} / {@link #notifyIfNeeded} by one thread at a time (the "used side"); the two
 * sides may run concurrently with each other. Nothing here allocates per request.
 */
@ProviderType
public interface VirtQueue {

    /**
     * The queue's index.
     *
     * @return the index
     */
    int index();

    /**
     * The queue size the driver set.
     *
     * @return the number of descriptors
     */
    int size();

    /**
     * Takes the next available descriptor chain, fully validated (bounds, loops, order,
     * indirect tables, total length). The returned chain is owned by the queue and valid until
     * the next {@code pop}; copy what you need out of it.
     *
     * @return the chain, or {@code null} if no buffer is available
     * @throws VirtQueueException if the driver broke a ring rule; the queue is then unusable
     *     until reset
     */
    DescriptorChain pop() throws VirtQueueException;

    /**
     * Returns a chain to the driver through the used ring.
     *
     * @param head the chain's head descriptor index
     * @param length the number of bytes written into the chain's device-writable buffers
     * @throws VirtQueueException if the used ring is not in guest memory
     */
    void addUsed(int head, int length) throws VirtQueueException;
}
