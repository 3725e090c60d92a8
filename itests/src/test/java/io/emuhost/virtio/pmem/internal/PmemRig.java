package io.emuhost.virtio.pmem.internal;

import static io.emuhost.testkit.virtqueue.Buffer.readable;
import static io.emuhost.testkit.virtqueue.Buffer.writable;

import io.emuhost.api.virtio.ActivationContext;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.api.virtio.VirtioIds;
import io.emuhost.testkit.device.RecordingInterrupt;
import io.emuhost.testkit.memory.HeapGuestMemory;
import io.emuhost.testkit.memory.TestMemoryBackend;
import io.emuhost.testkit.virtqueue.DriverSplitQueue;
import io.emuhost.testkit.virtqueue.UsedElement;
import io.emuhost.virtio.split.internal.SplitVirtQueue;
import java.util.List;

/**
 * One virtio-pmem device activated on a real split queue in heap guest memory, with a driver-side
 * ring to offer requests. Request {@code n} uses the type at {@link #request(int)} and the
 * response at {@link #response(int)}.
 */
final class PmemRig implements AutoCloseable {

    static final int QUEUE_SIZE = 128;
    static final long DESC_TABLE = 0x0000;
    static final long AVAIL_RING = 0x1000;
    static final long USED_RING = 0x2000;
    static final long INDIRECT_TABLES = 0x4000;
    static final long REQUESTS = 0x8000;
    static final long RESPONSES = 0xa000;
    static final int SLOT = 0x10;
    static final int MEMORY_SIZE = 0x10000;
    static final long MEMADDR = 0x1_0000_0000L;
    static final long PMEM_SIZE = 16L << 20;
    static final long FEATURES = 1L << VirtioIds.F_VERSION_1 | 1L << VirtioIds.F_INDIRECT_DESC;
    static final int RESPONSE_FILL = 0xaa;
    static final int FLUSH = 0;

    final HeapGuestMemory memory = new HeapGuestMemory(0, MEMORY_SIZE);
    final RecordingInterrupt interrupt = new RecordingInterrupt();
    final TestMemoryBackend backend = new TestMemoryBackend("mem1", PMEM_SIZE);
    final VirtioPmemDevice device = new VirtioPmemDevice(backend, MEMADDR, true);
    DriverSplitQueue driver;

    PmemRig() {
        activate(FEATURES);
    }

    /** What the transport does at FEATURES_OK and DRIVER_OK, on a freshly laid-out ring. */
    void activate(long features) {
        driver = new DriverSplitQueue(memory, QUEUE_SIZE, DESC_TABLE, AVAIL_RING, USED_RING);
        VirtQueue queue = new SplitVirtQueue(memory, 0, QUEUE_SIZE, DESC_TABLE, AVAIL_RING, USED_RING, features,
                interrupt);
        device.driverFeatures(features);
        device.activate(new ActivationContext(memory, List.of(queue), interrupt, features));
    }

    static long request(int n) {
        return REQUESTS + (long) SLOT * n;
    }

    static long response(int n) {
        return RESPONSES + (long) SLOT * n;
    }

    static long indirectTable(int n) {
        return INDIRECT_TABLES + 2L * SLOT * n;
    }

    /** Writes request {@code n}'s type and pre-fills its response slot with a marker. */
    void prepare(int n, int type) {
        memory.put(request(n), (byte) type, (byte) (type >>> 8), (byte) (type >>> 16), (byte) (type >>> 24));
        memory.fill(response(n), SLOT, RESPONSE_FILL);
    }

    /** Offers request {@code n} the way Linux does: one indirect descriptor, 4 + 4 bytes. */
    int offerFlush(int n) {
        prepare(n, FLUSH);
        return driver.addIndirectChain(indirectTable(n), readable(request(n), 4), writable(response(n), 4));
    }

    void kick() {
        device.queueNotify(0);
    }

    /** Waits until the flush worker has run everything submitted so far. */
    void settle() throws Exception {
        backend.drain();
    }

    UsedElement pollUsed() {
        return driver.pollUsed();
    }

    int ret(int n) {
        return PmemRequestParser.littleEndianInt(memory.bytes(response(n), 4));
    }

    @Override
    public void close() {
        device.reset();
        backend.close();
    }
}
