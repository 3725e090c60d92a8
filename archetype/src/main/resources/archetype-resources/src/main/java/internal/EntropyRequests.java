package ${package}.internal;

import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.api.virtio.DescriptorChain;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.api.virtio.VirtQueueException;
import io.emuhost.api.virtio.VirtioInterrupt;
import java.security.SecureRandom;

/**
 * The request queue of one activation, from DRIVER_OK to reset. Allocates nothing per request:
 * random bytes go through one preallocated scratch array. Called by one thread at a time.
 */
final class EntropyRequests {

    /** The scratch array's size: the most random bytes drawn at once. */
    static final int SCRATCH_SIZE = 4096;

    private final VirtQueue queue;
    private final VirtioInterrupt interrupt;
    private final SecureRandom random;
    private final int maxBytesPerRequest;
    private final byte[] scratch = new byte[SCRATCH_SIZE];
    private boolean needsReset;

    EntropyRequests(VirtQueue queue, VirtioInterrupt interrupt, SecureRandom random, int maxBytesPerRequest) {
        this.queue = queue;
        this.interrupt = interrupt;
        this.random = random;
        this.maxBytesPerRequest = maxBytesPerRequest;
    }

    /**
     * Fills and returns every available chain, then notifies the driver if it wants to be. A
     * broken rule sets DEVICE_NEEDS_RESET (virtio 1.2 §2.1.2) and the queue is ignored until
     * reset: a malformed request breaks only this device, never the host.
     */
    void serveAvailable() {
        if (needsReset) {
            return;
        }
        try {
            DescriptorChain chain;
            while ((chain = queue.pop()) != null) {    // a chain the queue already validated, or null
                queue.addUsed(chain.head(), fill(chain));
            }
            queue.notifyIfNeeded();                    // honours the driver's suppression (§2.7.10)
        } catch (VirtQueueException | GuestMemoryException | DeviceReadableBufferException e) {
            needsReset = true;
            interrupt.needsReset();
        }
    }

    /**
     * Writes random bytes into the chain's writable buffers, at most {@code maxBytesPerRequest}:
     * virtio 1.2 §5.4.7.1 lets the device use less than the entire buffer, and the bound keeps the
     * work one guest notification causes finite.
     *
     * @return the number of bytes written, the used length
     */
    private int fill(DescriptorChain chain) throws GuestMemoryException, DeviceReadableBufferException {
        // virtio 1.2 §5.4.6.1: the driver MUST NOT place driver-readable buffers into the queue
        if (chain.readableCount() != 0) {
            throw new DeviceReadableBufferException(chain.head(), chain.readableLength());
        }
        int total = (int) Math.min(chain.writableLength(), maxBytesPerRequest);
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
