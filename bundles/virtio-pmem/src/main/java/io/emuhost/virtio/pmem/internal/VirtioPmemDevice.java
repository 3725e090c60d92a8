package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.api.virtio.ActivationContext;
import io.emuhost.api.virtio.SharedMemoryRegion;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.api.virtio.VirtioDevice;
import io.emuhost.api.virtio.VirtioIds;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The virtio PMEM device (virtio 1.2 §5.19): a memory backend at a guest physical address, made
 * durable by FLUSH requests on one queue. It knows nothing of its transport.
 *
 * <p>Configuration space (virtio 1.2 §5.19.4), little-endian:
 * <table>
 *   <caption>struct virtio_pmem_config</caption>
 *   <tr><th>offset</th><th>field</th><th>value</th></tr>
 *   <tr><td>0</td><td>le64 start</td><td>memaddr, or 0 once SHMEM_REGION is negotiated</td></tr>
 *   <tr><td>8</td><td>le64 size</td><td>backend size, or 0 once SHMEM_REGION is negotiated</td></tr>
 * </table>
 */
public final class VirtioPmemDevice implements VirtioDevice {

    /** VIRTIO_PMEM_F_SHMEM_REGION (virtio 1.2 §5.19.3): the range is shared memory region 0. */
    public static final int F_SHMEM_REGION = 0;
    /** VIRTIO_PMEM_SHMEM_REGION_ID (virtio 1.2 §5.19.5.2). */
    public static final int SHMEM_REGION_ID = 0;
    /** The request queue, {@code req_vq} (virtio 1.2 §5.19.2). */
    public static final int REQUEST_QUEUE = 0;
    /** The request queue's maximum size, QEMU's. */
    public static final int QUEUE_MAX_SIZE = 128;
    /** {@code sizeof(struct virtio_pmem_config)}. */
    public static final int CONFIG_SIZE = 16;

    private static final int CONFIG_SIZE_OFFSET = 8;

    private final MemoryBackend backend;
    private final long memaddr;
    private final boolean shmemRegion;
    private final PmemStatistics statistics = new PmemStatistics();
    /** Survives resets, so a reset never refills it. */
    private final FlushTokenBucket bucket;
    /** Serializes activation, quiesce and reset; never taken by a notification. */
    private final Object lifecycle = new Object();
    /** Notifications not yet served; the thread that raised it from 0 serves them all. */
    private final AtomicInteger notifications = new AtomicInteger();
    private volatile long negotiated;
    private volatile GroupCommit active;

    /**
     * Creates the device.
     *
     * @param backend the memory, mapped by the host at {@code memaddr}
     * @param memaddr the guest physical address of the memory
     * @param shmemRegion whether to offer VIRTIO_PMEM_F_SHMEM_REGION
     */
    public VirtioPmemDevice(MemoryBackend backend, long memaddr, boolean shmemRegion) {
        this(backend, memaddr, shmemRegion, FlushLimit.UNLIMITED);
    }

    /**
     * Creates the device with a FLUSH rate limit.
     *
     * @param backend the memory, mapped by the host at {@code memaddr}
     * @param memaddr the guest physical address of the memory
     * @param shmemRegion whether to offer VIRTIO_PMEM_F_SHMEM_REGION
     * @param limit fsyncs per second and burst ({@code flush-ops}, {@code flush-ops-burst})
     */
    VirtioPmemDevice(MemoryBackend backend, long memaddr, boolean shmemRegion, FlushLimit limit) {
        this.backend = backend;
        this.memaddr = memaddr;
        this.shmemRegion = shmemRegion;
        this.bucket = new FlushTokenBucket(limit);
    }

    /** @return the FLUSH rate limit in force */
    FlushLimit flushLimit() {
        return bucket.limit();
    }

    /**
     * Changes the FLUSH rate limit while the device runs; a batch waiting for a token looks at
     * the new limit at once. Never waits.
     *
     * @param limit the new limit
     */
    void flushLimit(FlushLimit limit) {
        bucket.limit(limit);
        GroupCommit current = active;
        if (current != null) {
            current.limitChanged();
        }
    }

    /**
     * What the device has done so far.
     *
     * @return the statistics, live
     */
    public PmemStatistics statistics() {
        return statistics;
    }

    @Override
    public int deviceId() {
        return VirtioIds.DEVICE_ID_PMEM;
    }

    @Override
    public long deviceFeatures() {
        return shmemRegion ? 1L << F_SHMEM_REGION : 0;
    }

    @Override
    public int configSize() {
        return CONFIG_SIZE;
    }

    @Override
    public long readConfig(int offset, int size) {
        // virtio 1.2 §5.19.5.2: with SHMEM_REGION negotiated the device SHOULD set start and size to 0
        if ((negotiated & (1L << F_SHMEM_REGION)) != 0) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < size; i++) {
            value |= (long) configByte(offset + i) << (Byte.SIZE * i);
        }
        return value;
    }

    private int configByte(int offset) {
        if (offset < 0 || offset >= CONFIG_SIZE) {
            return 0;
        }
        long field = offset < CONFIG_SIZE_OFFSET ? memaddr : backend.size();
        return (int) (field >>> (Byte.SIZE * (offset % CONFIG_SIZE_OFFSET))) & 0xff;
    }

    /** The configuration is read-only (virtio 1.2 §5.19.4). */
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

    /** virtio 1.2 §5.19.5.2: with SHMEM_REGION, the range is shared memory region 0. */
    @Override
    public List<SharedMemoryRegion> sharedMemoryRegions() {
        return shmemRegion ? List.of(new SharedMemoryRegion(SHMEM_REGION_ID, backend)) : List.of();
    }

    @Override
    public void driverFeatures(long features) {
        negotiated = features;
    }

    @Override
    public void activate(ActivationContext context) {
        synchronized (lifecycle) {
            GroupCommit previous = takeActive();
            if (previous != null) {
                previous.stop();
            }
            VirtQueue queue = context.queue(REQUEST_QUEUE);
            if (queue != null) {
                active = new GroupCommit(backend, context.memory(), queue, context.interrupt(), statistics, bucket);
            }
        }
    }

    /**
     * Takes the available requests off the queue; the notifying thread never waits for an fsync,
     * nor for another notifying thread: one serves at a time, and a notification that arrives
     * meanwhile makes it look at the queue once more (a counter, no lock).
     */
    @Override
    public void queueNotify(int queueIndex) {
        if (queueIndex != REQUEST_QUEUE || notifications.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            GroupCommit current = active;
            if (current != null) {
                current.serveAvailable();
            }
            missed = notifications.addAndGet(-missed);
        } while (missed != 0);
    }

    /**
     * Quiesces the device, for a hand-over to another version of the bundle or before the
     * function leaves the bus (hot-unplug): every request the driver made available before this
     * call is taken off the queue, flushed and answered with an interrupt; then the device stops
     * serving the queue until the next activation. What the driver makes available later stays in
     * the ring for a restored device. Nothing of a FLUSH is lost or answered twice. The transport
     * still delivers interrupts while this runs; no notification arrives meanwhile.
     *
     * @return true: the device can always be handed over
     */
    @Override
    public boolean quiesce() {
        synchronized (lifecycle) {
            GroupCommit previous = takeActive();
            if (previous != null) {
                previous.serveAvailable();
                previous.drain();
            }
        }
        return true;
    }

    /**
     * The state beyond the properties: the statistics, which the monitor shows, and the flush
     * rate limit with its credit (it may have changed since creation, by {@code qom-set}).
     */
    @Override
    public void saveState(DeviceState.Builder state) {
        statistics.save(state);
        bucket.save(state, System.nanoTime());
    }

    /** The saved rate limit, if any, replaces the one of the properties. */
    @Override
    public void restoreState(DeviceState state) throws StateException {
        statistics.restore(state);
        bucket.restore(state, System.nanoTime());
    }

    /** Drops in-flight completions and waits for a running fsync to end (virtio 1.2 §2.4). */
    @Override
    public void reset() {
        synchronized (lifecycle) {
            GroupCommit previous = takeActive();
            if (previous != null) {
                previous.stop();
            }
            negotiated = 0;
        }
    }

    /**
     * Ends the current activation for notifications: when this returns, no notifying thread
     * serves it any more (one that is serving finishes the chains it took, bounded by the queue
     * size; it never blocks). Holding the lifecycle lock.
     */
    private GroupCommit takeActive() {
        GroupCommit previous = active;
        active = null;
        while (notifications.get() != 0) {
            Thread.onSpinWait();
        }
        return previous;
    }
}
