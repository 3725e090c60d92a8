package io.emuhost.virtio.pmem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.emuhost.api.virtio.VirtioIds;
import io.emuhost.testkit.virtqueue.RingScribbler;
import io.emuhost.testkit.virtqueue.UsedElement;
import org.junit.jupiter.api.AfterEach;

/**
 * Fuzz target: the virtio-pmem request path (pop, {@link PmemRequestParser}, group commit,
 * response, used ring) over a request queue the driver filled at random — request types,
 * descriptors, indirect tables and available entries. Invariants (virtio 1.2 §5.19.6, DESIGN.md
 * rule 2): the notifying thread gets no exception; the device answers at most one ring of
 * requests and rejects a malformed one by setting DEVICE_NEEDS_RESET, at most once; after a reset the device answers a Linux-shaped FLUSH with
 * ret 0. Regression inputs: {@code VirtioPmemRequestFuzzTestInputs/requests/}.
 */
class VirtioPmemRequestFuzzTest {

    private static final int REQUEST_SLOTS = 8;
    private static final long WITHOUT_INDIRECT = PmemRig.FEATURES & ~(1L << VirtioIds.F_INDIRECT_DESC);

    private final PmemRig rig = new PmemRig();

    @AfterEach
    void close() {
        rig.close();
    }

    @FuzzTest
    void requests(FuzzedDataProvider data) throws Exception {
        rig.device.reset();
        rig.memory.fill(0, PmemRig.MEMORY_SIZE, 0);
        rig.activate(data.consumeBoolean() ? PmemRig.FEATURES : WITHOUT_INDIRECT);
        for (int n = 0; n < REQUEST_SLOTS; n++) {
            rig.prepare(n, data.consumeInt(0, 3) == 0 ? data.consumeInt() : PmemRig.FLUSH);
        }
        new RingScribbler(data::consumeLong, PmemRig.REQUESTS, PmemRig.RESPONSES, PmemRig.INDIRECT_TABLES,
                PmemRig.DESC_TABLE, PmemRig.AVAIL_RING, PmemRig.USED_RING, PmemRig.MEMORY_SIZE, PmemRig.MEMADDR)
                .scribble(rig.driver, PmemRig.indirectTable(0), PmemRig.indirectTable(1));
        int needsReset = rig.interrupt.needsResetCount();
        long answered = rig.device.statistics().requests();

        rig.kick();
        rig.kick();
        rig.settle();

        // the rings themselves may be response buffers, so what the guest reads back is its own
        // business; what the device did is in its statistics
        assertTrue(rig.interrupt.needsResetCount() - needsReset <= 1, "NEEDS_RESET is set once");
        answered = rig.device.statistics().requests() - answered;
        assertTrue(answered <= PmemRig.QUEUE_SIZE, "more answers than the ring holds: " + answered);

        servesAfterReset(needsReset);
    }

    /** The driver resets the device and offers a FLUSH as Linux does: it is answered with ret 0. */
    private void servesAfterReset(int needsResetBefore) throws Exception {
        rig.device.reset();
        rig.memory.fill(0, PmemRig.MEMORY_SIZE, 0);
        rig.activate(PmemRig.FEATURES);
        int needsReset = rig.interrupt.needsResetCount();
        int flushes = rig.backend.flushes();
        int head = rig.offerFlush(0);

        rig.kick();
        rig.settle();

        assertEquals(new UsedElement(head, PmemRequestParser.RESPONSE_SIZE), rig.pollUsed());
        assertEquals(0, rig.ret(0));
        assertEquals(flushes + 1, rig.backend.flushes());
        assertEquals(needsReset, rig.interrupt.needsResetCount());
        assertTrue(needsReset >= needsResetBefore);
    }
}
