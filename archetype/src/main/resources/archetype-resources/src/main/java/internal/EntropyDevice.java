package ${package}.internal;

import io.emuhost.api.virtio.ActivationContext;
import io.emuhost.api.virtio.SharedMemoryRegion;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.api.virtio.VirtioDevice;
import io.emuhost.api.virtio.VirtioIds;
import java.security.SecureRandom;
import java.util.List;

/**
 * A virtio entropy device (virtio 1.2 §5.4): one queue, {@code requestq}, whose device-writable
 * buffers it fills with random bytes. No feature bits (§5.4.3), no configuration space (§5.4.4).
 * It knows nothing of its transport: the transport owns the status register, feature negotiation,
 * the queue registers and interrupts, and calls this class.
 *
 * <p>Requests are answered on the notifying thread, within {@link #queueNotify}: nothing is in
 * flight between two calls, so {@link #reset} and {@link #quiesce} only forget the activation.
 */
public final class EntropyDevice implements VirtioDevice {

    /** {@code requestq} (virtio 1.2 §5.4.2). */
    public static final int REQUEST_QUEUE = 0;
    /** The request queue's maximum size (QEMU's virtio-rng uses 8). */
    public static final int QUEUE_MAX_SIZE = 8;

    private final SecureRandom random;
    private final int maxBytesPerRequest;
    private final Object lifecycle = new Object();
    private EntropyRequests active;

    /**
     * Creates a device.
     *
     * @param random where the bytes come from; used by one thread at a time
     * @param maxBytesPerRequest the most bytes one request gets (at least 1)
     */
    public EntropyDevice(SecureRandom random, int maxBytesPerRequest) {
        if (maxBytesPerRequest < 1) {
            throw new IllegalArgumentException("maxBytesPerRequest must be at least 1: " + maxBytesPerRequest);
        }
        this.random = random;
        this.maxBytesPerRequest = maxBytesPerRequest;
    }

    @Override
    public int deviceId() {
        return VirtioIds.DEVICE_ID_ENTROPY;
    }

    /** virtio 1.2 §5.4.3: none currently defined. */
    @Override
    public long deviceFeatures() {
        return 0;
    }

    /** virtio 1.2 §5.4.4: none currently defined. */
    @Override
    public int configSize() {
        return 0;
    }

    @Override
    public long readConfig(int offset, int size) {
        return 0;
    }

    @Override
    public void writeConfig(int offset, int size, long value) {
    }

    @Override
    public int queueCount() {
        return 1;
    }

    @Override
    public int queueMaxSize(int index) {
        return QUEUE_MAX_SIZE;
    }

    @Override
    public List<SharedMemoryRegion> sharedMemoryRegions() {
        return List.of();
    }

    /** Nothing to remember: the device offers no feature of its own. */
    @Override
    public void driverFeatures(long features) {
    }

    /** DRIVER_OK: serve {@code requestq} if the driver enabled it (a disabled queue is null). */
    @Override
    public void activate(ActivationContext context) {
        synchronized (lifecycle) {
            VirtQueue queue = context.queue(REQUEST_QUEUE);
            active = queue == null ? null : new EntropyRequests(queue, context.interrupt(), random, maxBytesPerRequest);
        }
    }

    /** Answers every chain the driver made available (virtio 1.2 §5.4.6). */
    @Override
    public void queueNotify(int queueIndex) {
        synchronized (lifecycle) {
            if (queueIndex == REQUEST_QUEUE && active != null) {
                active.serveAvailable();
            }
        }
    }

    /** Forgets the queue; nothing is in flight (virtio 1.2 §2.4). */
    @Override
    public void reset() {
        synchronized (lifecycle) {
            active = null;
        }
    }

    /**
     * Live upgrade: nothing is in flight between two notifications, so the device is quiet once it
     * forgets the activation; what the driver makes available meanwhile stays in the ring for the
     * device that takes over.
     */
    @Override
    public boolean quiesce() {
        synchronized (lifecycle) {
            active = null;
        }
        return true;
    }
}
