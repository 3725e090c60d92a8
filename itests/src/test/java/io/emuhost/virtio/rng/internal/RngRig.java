package io.emuhost.virtio.rng.internal;

import io.emuhost.api.virtio.ActivationContext;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.api.virtio.VirtioIds;
import io.emuhost.testkit.device.RecordingInterrupt;
import io.emuhost.testkit.memory.HeapGuestMemory;
import io.emuhost.testkit.virtqueue.DriverSplitQueue;
import io.emuhost.virtio.split.internal.SplitVirtQueue;
import java.util.List;

/**
 * One entropy device activated on a real split queue in heap guest memory, with the driver side
 * of the ring to offer buffers, as the transport would set it up at DRIVER_OK.
 */
final class RngRig {

    static final int QUEUE_SIZE = VirtioRngDevice.QUEUE_MAX_SIZE;
    static final long DESC_TABLE = 0x0000;
    static final long AVAIL_RING = 0x1000;
    static final long USED_RING = 0x2000;
    static final long BUFFERS = 0x4000;
    static final int MEMORY_SIZE = 0x40000;
    static final long FEATURES = 1L << VirtioIds.F_VERSION_1;

    final HeapGuestMemory memory = new HeapGuestMemory(0, MEMORY_SIZE);
    final RecordingInterrupt interrupt = new RecordingInterrupt();
    final VirtioRngDevice device = new VirtioRngDevice();
    final DriverSplitQueue driver = new DriverSplitQueue(memory, QUEUE_SIZE, DESC_TABLE, AVAIL_RING, USED_RING);

    RngRig() {
        VirtQueue queue = new SplitVirtQueue(memory, VirtioRngDevice.REQUEST_QUEUE, QUEUE_SIZE, DESC_TABLE,
                AVAIL_RING, USED_RING, FEATURES, interrupt);
        device.driverFeatures(FEATURES);
        device.activate(new ActivationContext(memory, List.of(queue), interrupt, FEATURES));
    }

    void kick() {
        device.queueNotify(VirtioRngDevice.REQUEST_QUEUE);
    }
}
