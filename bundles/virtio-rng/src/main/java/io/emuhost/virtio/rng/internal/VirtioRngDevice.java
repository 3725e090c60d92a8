package io.emuhost.virtio.rng.internal;

import io.emuhost.api.virtio.ActivationContext;
import io.emuhost.api.virtio.SharedMemoryRegion;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.api.virtio.VirtioDevice;
import io.emuhost.api.virtio.VirtioIds;
import java.security.SecureRandom;
import java.util.List;

/**
 * The virtio entropy device (virtio 1.2 §5.4): one queue, {@code requestq}, whose device-writable
 * buffers it fills with bytes from a {@link SecureRandom}. No feature bits (§5.4.3), no
 * configuration space (§5.4.4). It knows nothing of its transport.
 *
 * <p>Requests are answered on the notifying thread, within {@link #queueNotify}: there is no
 * work in flight between two calls, so {@link #reset} only forgets the activation.
 */
public final class VirtioRngDevice implements VirtioDevice {

    /** {@code requestq} (virtio 1.2 §5.4.2). */
    public static final int REQUEST_QUEUE = 0;
    /** The request queue's maximum size: QEMU's ({@code virtio_add_queue(vdev, 8, handle_input)}). */
    public static final int QUEUE_MAX_SIZE = 8;

    private final SecureRandom random;
    private final Object lifecycle = new Object();
    private EntropyRequests active;

    /** Creates a device drawing from the platform's default {@link SecureRandom}. */
    public VirtioRngDevice() {
        this(new SecureRandom());
    }

    /**
     * Creates a device.
     *
     * @param random where the bytes come from; used by one thread at a time
     */
    public VirtioRngDevice(SecureRandom random) {
        this.random = random;
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

    @Override
    public void activate(ActivationContext context) {
        synchronized (lifecycle) {
            VirtQueue queue = context.queue(REQUEST_QUEUE);
            active = queue == null ? null : new EntropyRequests(queue, context.interrupt(), random);
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
     * Nothing is in flight between two notifications, so the device is quiet once it forgets the
     * activation; what the driver makes available later stays in the ring for the restored device.
     */
    @Override
    public boolean quiesce() {
        synchronized (lifecycle) {
            active = null;
        }
        return true;
    }
}
