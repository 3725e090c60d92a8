package io.emuhost.testkit.driver;

import static io.emuhost.testkit.driver.CommonCfg.QUEUE_DESC;
import static io.emuhost.testkit.driver.CommonCfg.QUEUE_DEVICE;
import static io.emuhost.testkit.driver.CommonCfg.QUEUE_DRIVER;
import static io.emuhost.testkit.driver.CommonCfg.QUEUE_ENABLE;
import static io.emuhost.testkit.driver.CommonCfg.QUEUE_MSIX_VECTOR;
import static io.emuhost.testkit.driver.CommonCfg.QUEUE_NOTIFY_OFF;
import static io.emuhost.testkit.driver.CommonCfg.QUEUE_SELECT;
import static io.emuhost.testkit.driver.CommonCfg.QUEUE_SIZE;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.testkit.virtqueue.DriverSplitQueue;
import io.emuhost.testkit.virtqueue.SplitRing;

/**
 * Virtqueue configuration (virtio 1.2 §4.1.5.1.3) as Linux's vp_modern_find_vqs: for each queue,
 * select it, check it is there and not enabled, choose its size, lay out the rings in the
 * scratch area, write their addresses, find its notify address and map its MSI-X vector
 * ({@code 1 + index}); {@link #enable} then sets queue_enable on each, last.
 *
 * @param rings the driver side of each queue
 * @param notifyAddress each queue's notify address
 */
record QueueSetup(DriverSplitQueue[] rings, long[] notifyAddress) {

    private static final long RING_ALIGN = 4096;

    /**
     * Configures the queues, not yet enabled.
     *
     * @param common the common configuration
     * @param memory guest memory for the rings
     * @param layout the function's structures
     * @param options how many queues, and their size limit
     * @param scratch where the rings go
     * @param msix whether to map queue vectors
     * @return the queues
     * @throws VirtioDriverException.QueueUnavailable if a queue is missing or already enabled
     */
    static QueueSetup configure(CommonCfgAccess common, GuestMemory memory, VirtioPciLayout layout,
            DriverOptions options, ScratchArena scratch, boolean msix) {
        int count = options.queues();
        DriverSplitQueue[] rings = new DriverSplitQueue[count];
        long[] notifyAddress = new long[count];
        VirtioPciCap notify = layout.notifyCfg();
        long notifyBase = layout.address(notify);
        for (int q = 0; q < count; q++) {
            common.write(QUEUE_SELECT, 2, q);
            int max = (int) common.read(QUEUE_SIZE, 2);
            if (max == 0 || common.read(QUEUE_ENABLE, 2) != 0) {
                throw new VirtioDriverException.QueueUnavailable(q, max);
            }
            int size = options.maxQueueSize() > 0 ? Math.min(max, options.maxQueueSize()) : max;
            common.write(QUEUE_SIZE, 2, size);
            long desc = scratch.allocate(SplitRing.descTableSize(size), RING_ALIGN);
            long avail = scratch.allocate(SplitRing.availRingSize(size), SplitRing.AVAIL_ALIGN);
            long used = scratch.allocate(SplitRing.usedRingSize(size), RING_ALIGN);
            rings[q] = new DriverSplitQueue(memory, size, desc, avail, used);
            common.writeTwoPart(QUEUE_DESC, desc);
            common.writeTwoPart(QUEUE_DRIVER, avail);
            common.writeTwoPart(QUEUE_DEVICE, used);
            long notifyOff = common.read(QUEUE_NOTIFY_OFF, 2);
            // virtio 1.2 §4.1.4.4: cap.offset + queue_notify_off * notify_off_multiplier
            notifyAddress[q] = notifyBase + notifyOff * Integer.toUnsignedLong(notify.notifyOffMultiplier());
            if (msix) {
                common.mapVector(QUEUE_MSIX_VECTOR, q + 1, "queue " + q);
            }
        }
        return new QueueSetup(rings, notifyAddress);
    }

    /** Sets queue_enable on every queue. */
    void enable(CommonCfgAccess common) {
        for (int q = 0; q < rings.length; q++) {
            common.write(QUEUE_SELECT, 2, q);
            common.write(QUEUE_ENABLE, 2, 1);
        }
    }
}
