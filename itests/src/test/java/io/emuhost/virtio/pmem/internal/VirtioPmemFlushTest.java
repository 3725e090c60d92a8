package io.emuhost.virtio.pmem.internal;

import static io.emuhost.testkit.virtqueue.Buffer.readable;
import static io.emuhost.testkit.virtqueue.Buffer.writable;
import static io.emuhost.virtio.pmem.internal.PmemRig.request;
import static io.emuhost.virtio.pmem.internal.PmemRig.response;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.emuhost.testkit.virtqueue.UsedElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** FLUSH requests in every layout the spec allows, and what the device answers (virtio 1.2 §5.19.6). */
class VirtioPmemFlushTest {

    private static final int FAILURE = 0xffffffff;

    private final PmemRig rig = new PmemRig();

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void flush_linuxIndirectLayout_fsyncsAndAnswersZeroWithUsedLength4() throws Exception {
        int head = rig.offerFlush(0);

        rig.kick();
        rig.settle();

        assertEquals(new UsedElement(head, 4), rig.pollUsed());
        assertEquals(0, rig.ret(0));
        assertEquals(1, rig.backend.flushes());
        assertEquals(1, rig.interrupt.queueNotifications());
    }

    @Test
    void flush_responseSplit1Plus3_writesTheResponseAcrossBothBuffers() throws Exception {
        rig.prepare(0, PmemRig.FLUSH);
        rig.memory.fill(response(1), 4, PmemRig.RESPONSE_FILL);
        int head = rig.driver.addChain(readable(request(0), 4), writable(response(0), 1),
                writable(response(1), 3));

        rig.kick();
        rig.settle();

        assertEquals(new UsedElement(head, 4), rig.pollUsed());
        assertArrayEquals(new byte[] {0, (byte) PmemRig.RESPONSE_FILL}, rig.memory.bytes(response(0), 2));
        assertArrayEquals(new byte[] {0, 0, 0, (byte) PmemRig.RESPONSE_FILL}, rig.memory.bytes(response(1), 4));
    }

    @Test
    void flush_requestSplit2Plus2_readsTheTypeAcrossBothBuffers() throws Exception {
        rig.memory.put(request(0), (byte) 0, (byte) 0);
        rig.memory.put(request(1), (byte) 0, (byte) 0);
        rig.memory.fill(response(0), 4, PmemRig.RESPONSE_FILL);
        int head = rig.driver.addChain(readable(request(0), 2), readable(request(1), 2), writable(response(0), 4));

        rig.kick();
        rig.settle();

        assertEquals(new UsedElement(head, 4), rig.pollUsed());
        assertEquals(0, rig.ret(0));
        assertEquals(1, rig.backend.flushes());
    }

    @Test
    void flush_typeOnlyInSecondHalfOfSplitRequest_isNotAFlush() throws Exception {
        rig.memory.put(request(0), (byte) 0, (byte) 0);
        rig.memory.put(request(1), (byte) 1, (byte) 0);
        rig.memory.fill(response(0), 4, PmemRig.RESPONSE_FILL);
        rig.driver.addChain(readable(request(0), 2), readable(request(1), 2), writable(response(0), 4));

        rig.kick();
        rig.settle();

        assertEquals(FAILURE, rig.ret(0));
        assertEquals(0, rig.backend.flushes());
    }

    @Test
    void flush_longerBuffers_useTheFirst4BytesAndReportUsedLength4() throws Exception {
        rig.prepare(0, PmemRig.FLUSH);
        int head = rig.driver.addChain(readable(request(0), 16), writable(response(0), 16));

        rig.kick();
        rig.settle();

        assertEquals(new UsedElement(head, 4), rig.pollUsed());
        assertEquals(0, rig.ret(0));
        assertEquals((byte) PmemRig.RESPONSE_FILL, rig.memory.bytes(response(0) + 4, 1)[0]);
    }

    @Test
    void unknownType_answersMinusOneWithoutFsync() throws Exception {
        rig.prepare(0, 5);
        int head = rig.driver.addIndirectChain(PmemRig.indirectTable(0), readable(request(0), 4),
                writable(response(0), 4));

        rig.kick();
        rig.settle();

        assertEquals(new UsedElement(head, 4), rig.pollUsed());
        assertEquals(FAILURE, rig.ret(0));
        assertEquals(0, rig.backend.flushes());
        assertEquals(1, rig.device.statistics().errors());
    }

    @Test
    void fsyncFailure_answersMinusOne() throws Exception {
        rig.backend.failFlushes();
        int head = rig.offerFlush(0);

        rig.kick();
        rig.settle();

        assertEquals(new UsedElement(head, 4), rig.pollUsed());
        assertEquals(FAILURE, rig.ret(0));
        assertEquals(1, rig.backend.flushes());
    }

    @Test
    void severalChainsWithOneKick_areAllServed() throws Exception {
        int first = rig.offerFlush(0);
        int second = rig.offerFlush(1);
        int third = rig.offerFlush(2);

        rig.kick();
        rig.settle();

        assertEquals(first, rig.pollUsed().id());
        assertEquals(second, rig.pollUsed().id());
        assertEquals(third, rig.pollUsed().id());
        assertEquals(0, rig.ret(0) | rig.ret(1) | rig.ret(2));
        assertEquals(3, rig.device.statistics().requests());
    }

    @Test
    void kickWithEmptyQueue_isHarmless() throws Exception {
        rig.kick();
        rig.settle();
        rig.offerFlush(0);
        rig.kick();
        rig.settle();

        assertEquals(0, rig.interrupt.needsResetCount());
        assertEquals(0, rig.ret(0));
    }

    @Test
    void headReusedAfterItWasUsed_isServedAgain() throws Exception {
        int head = rig.offerFlush(0);
        rig.kick();
        rig.settle();
        rig.pollUsed();

        int again = rig.offerFlush(1);
        rig.kick();
        rig.settle();

        assertEquals(head, again);
        assertEquals(new UsedElement(head, 4), rig.pollUsed());
        assertEquals(0, rig.interrupt.needsResetCount());
    }

    @Test
    void notificationOnOtherQueueIndex_isIgnored() throws Exception {
        rig.offerFlush(0);

        rig.device.queueNotify(1);
        rig.settle();

        assertNull(rig.pollUsed());
        assertEquals(0, rig.backend.flushes());
    }

    @Test
    void notificationBeforeActivation_isIgnored() throws Exception {
        rig.device.reset();
        rig.offerFlush(0);

        rig.kick();
        rig.settle();

        assertNull(rig.pollUsed());
        assertEquals(0, rig.interrupt.needsResetCount());
    }
}
