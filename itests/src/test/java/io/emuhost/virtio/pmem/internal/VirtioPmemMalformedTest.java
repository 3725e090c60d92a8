package io.emuhost.virtio.pmem.internal;

import static io.emuhost.testkit.virtqueue.Buffer.readable;
import static io.emuhost.testkit.virtqueue.Buffer.writable;
import static io.emuhost.testkit.virtqueue.SplitRing.F_INDIRECT;
import static io.emuhost.testkit.virtqueue.SplitRing.F_NEXT;
import static io.emuhost.testkit.virtqueue.SplitRing.F_WRITE;
import static io.emuhost.virtio.pmem.internal.PmemRig.indirectTable;
import static io.emuhost.virtio.pmem.internal.PmemRig.request;
import static io.emuhost.virtio.pmem.internal.PmemRig.response;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.emuhost.api.virtio.VirtioIds;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The malformed inputs of reference §4.4 and what this device does with them: every one sets
 * DEVICE_NEEDS_RESET on the device that saw it, and on no other. QEMU 7.2 serves several of them
 * (short response, unmapped buffers, indirect with NEXT or without the feature, avail index jump).
 */
class VirtioPmemMalformedTest {

    private static final long UNMAPPED = 0x10_0000;

    /** One malformed input, offered on request slot 0 of a fresh rig, followed by a kick. */
    enum Malformed {
        ONLY_READABLE(r -> r.driver.addChain(readable(request(0), 4))),
        ONLY_WRITABLE(r -> r.driver.addChain(writable(response(0), 4))),
        RESPONSE_SHORTER_THAN_4(r -> r.driver.addChain(readable(request(0), 4), writable(response(0), 2))),
        REQUEST_SHORTER_THAN_4(r -> r.driver.addChain(readable(request(0), 2), writable(response(0), 4))),
        REQUEST_NOT_IN_GUEST_MEMORY(r -> r.driver.addChain(readable(UNMAPPED, 4), writable(response(0), 4))),
        RESPONSE_NOT_IN_GUEST_MEMORY(r -> r.driver.addChain(readable(request(0), 4), writable(UNMAPPED, 4))),
        WRITABLE_BEFORE_READABLE(r -> r.driver.addChain(writable(response(0), 4), readable(request(0), 4))),
        ZERO_LENGTH_BUFFER(r -> r.driver.addChain(readable(request(0), 0), writable(response(0), 4))),
        NESTED_INDIRECT(r -> {
            r.driver.writeTableEntry(indirectTable(0), 0, indirectTable(1), 32, F_INDIRECT, 0);
            r.driver.writeDescriptor(0, indirectTable(0), 16, F_INDIRECT, 0);
            r.driver.publish(0);
        }),
        INDIRECT_TABLE_LENGTH_20(r -> {
            r.driver.writeDescriptor(0, indirectTable(0), 20, F_INDIRECT, 0);
            r.driver.publish(0);
        }),
        INDIRECT_TABLE_LENGTH_0(r -> {
            r.driver.writeDescriptor(0, indirectTable(0), 0, F_INDIRECT, 0);
            r.driver.publish(0);
        }),
        INDIRECT_WITH_NEXT(r -> {
            r.driver.writeTableEntry(indirectTable(0), 0, request(0), 4, F_NEXT, 1);
            r.driver.writeTableEntry(indirectTable(0), 1, response(0), 4, F_WRITE, 0);
            r.driver.writeDescriptor(0, indirectTable(0), 32, F_INDIRECT | F_NEXT, 1);
            r.driver.writeDescriptor(1, response(1), 4, F_WRITE, 0);
            r.driver.publish(0);
        }),
        INDIRECT_NOT_NEGOTIATED(r -> {
            r.device.reset();
            r.activate(PmemRig.FEATURES & ~(1L << VirtioIds.F_INDIRECT_DESC));
            r.offerFlush(0);
        }),
        DESCRIPTOR_LOOP(r -> {
            r.driver.writeDescriptor(0, request(0), 4, F_NEXT, 1);
            r.driver.writeDescriptor(1, request(1), 4, F_NEXT, 0);
            r.driver.publish(0);
        }),
        NEXT_OUT_OF_RANGE(r -> {
            r.driver.writeDescriptor(0, request(0), 4, F_NEXT, 500);
            r.driver.publish(0);
        }),
        HEAD_OUT_OF_RANGE(r -> r.driver.publish(200)),
        AVAIL_INDEX_JUMP(r -> r.driver.setAvailIdx(200));

        private final Consumer<PmemRig> offer;

        Malformed(Consumer<PmemRig> offer) {
            this.offer = offer;
        }
    }

    private final PmemRig rig = new PmemRig();
    private final PmemRig other = new PmemRig();

    @AfterEach
    void close() {
        rig.close();
        other.close();
    }

    @ParameterizedTest
    @EnumSource(Malformed.class)
    void malformed_setsNeedsResetOnThisDeviceOnly(Malformed input) throws Exception {
        rig.prepare(0, PmemRig.FLUSH);
        input.offer.accept(rig);

        rig.kick();
        rig.settle();
        other.offerFlush(0);
        other.kick();
        other.settle();

        assertEquals(1, rig.interrupt.needsResetCount());
        assertNull(rig.pollUsed());
        assertEquals(0, rig.backend.flushes());
        assertEquals(0, other.interrupt.needsResetCount());
        assertEquals(0, other.ret(0));
    }

    @ParameterizedTest
    @EnumSource(Malformed.class)
    void malformed_queueIsIgnoredUntilResetThenServedAgain(Malformed input) throws Exception {
        rig.prepare(0, PmemRig.FLUSH);
        input.offer.accept(rig);
        rig.kick();
        rig.settle();

        rig.offerFlush(1);
        rig.kick();
        rig.settle();
        int flushesWhileBroken = rig.backend.flushes();
        rig.device.reset();
        rig.activate(PmemRig.FEATURES);
        rig.offerFlush(2);
        rig.kick();
        rig.settle();

        assertEquals(0, flushesWhileBroken);
        assertEquals(1, rig.interrupt.needsResetCount());
        assertEquals(0, rig.ret(2));
        assertEquals(1, rig.backend.flushes());
    }

    @Test
    void headMadeAvailableAgainWhileInFlight_setsNeedsReset() throws Exception {
        rig.backend.holdFlushes();
        int head = rig.offerFlush(0);
        rig.driver.publish(head);

        rig.kick();
        rig.backend.awaitFlushStarted();
        int needsResetWhileInFlight = rig.interrupt.needsResetCount();
        rig.backend.letFlushesGo(1);
        rig.settle();

        assertEquals(1, needsResetWhileInFlight);
        assertEquals(0, rig.ret(0));
        assertEquals(1, rig.device.statistics().requests());
    }
}
