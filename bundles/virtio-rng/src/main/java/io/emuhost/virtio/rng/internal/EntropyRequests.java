package io.emuhost.virtio.rng.internal;

import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.api.virtio.DescriptorChain;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.api.virtio.VirtQueueException;
import io.emuhost.api.virtio.VirtioInterrupt;
import java.security.SecureRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request queue of one activation, from DRIVER_OK to reset. Allocates nothing per request:
 * random bytes go through one preallocated scratch array. Called by one thread at a time.
 */
final class EntropyRequests {

    /** The scratch array's size: the most random bytes drawn at once. */
    static final int SCRATCH_SIZE = 4096;
    /**
     * The most bytes one chain gets, bounding the work a guest can ask for in one notification;
     * virtio 1.2 §5.4.7.1: the device MAY use less than the entire buffer length.
     */
    static final int MAX_BYTES_PER_REQUEST = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(EntropyRequests.class);

    private final VirtQueue queue;
    private final VirtioInterrupt interrupt;
    private final SecureRandom random;
    private final byte[] scratch = new byte[SCRATCH_SIZE];
    private boolean needsReset;

    EntropyRequests(VirtQueue queue, VirtioInterrupt interrupt, SecureRandom random) {
        this.queue = queue;
        this.interrupt = interrupt;
        this.random = random;
    }

    /**
     * Fills and returns every available chain, then notifies the driver if it wants to be. After
     * a broken rule the queue is ignored until reset (virtio 1.2 §2.1.2).
     */
    void serveAvailable() {
        if (needsReset) {
            return;
        }
        try {
            DescriptorChain chain;
            while ((chain = queue.pop()) != null) {
                queue.addUsed(chain.head(), fill(chain));
            }
            queue.notifyIfNeeded();
        } catch (VirtQueueException | GuestMemoryException | DeviceReadableBufferException e) {
            needsReset = true;
            LOG.warn("virtio-rng device needs reset: {}", e.getMessage());
            interrupt.needsReset();
        }
    }

    /**
     * Writes random bytes into the chain's writable buffers.
     *
     * @return the number of bytes written, the used length
     */
    private int fill(DescriptorChain chain) throws GuestMemoryException, DeviceReadableBufferException {
        // virtio 1.2 §5.4.6.1: the driver MUST NOT place driver-readable buffers into the queue
        if (chain.readableCount() != 0) {
            throw new DeviceReadableBufferException(chain.head(), chain.readableLength());
        }
        int total = (int) Math.min(chain.writableLength(), MAX_BYTES_PER_REQUEST);
        int written = 0;
        while (written < total) {
            int length = Math.min(SCRATCH_SIZE, total - written);
            random.nextBytes(scratch);
            written += chain.writeWritable(written, scratch, 0, length);
        }
        // virtio 1.2 §5.4.7.1: the device MUST place one or more random bytes into the buffer
        return written;
    }
}
