package io.emuhost.virtio.pmem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.emuhost.testkit.virtqueue.UsedElement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Hot-unplug quiescing: what the driver made available is answered before the function leaves. */
class VirtioPmemDrainTest {

    private static final long RELEASE_DELAY_MILLIS = 100;

    private final PmemRig rig = new PmemRig();

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void quiesce_requestAvailableButNeverNotified_isFlushedAndAnswered() throws Exception {
        int head = rig.offerFlush(0);

        rig.device.quiesce();

        assertEquals(new UsedElement(head, 4), rig.pollUsed());
        assertEquals(0, rig.ret(0));
        assertEquals(1, rig.backend.flushes());
        assertEquals(1, rig.interrupt.queueNotifications());
    }

    @Test
    void quiesce_flushInProgress_returnsOnlyAfterEveryAcceptedRequestIsAnswered() throws Exception {
        rig.backend.holdFlushes();
        int first = rig.offerFlush(0);
        rig.kick();
        rig.backend.awaitFlushStarted();
        int second = rig.offerFlush(1);
        rig.kick();
        Thread releaser = new Thread(() -> {
            try {
                Thread.sleep(RELEASE_DELAY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            rig.backend.letFlushesGo(2);
        });
        releaser.start();

        rig.device.quiesce();

        assertEquals(new UsedElement(first, 4), rig.pollUsed());
        assertEquals(new UsedElement(second, 4), rig.pollUsed());
        assertEquals(0, rig.ret(0));
        assertEquals(0, rig.ret(1));
        releaser.join();
    }

    @Test
    void quiesce_thenNotification_isIgnored() throws Exception {
        rig.device.quiesce();
        rig.offerFlush(0);

        rig.kick();
        rig.settle();

        assertNull(rig.pollUsed());
        assertEquals(0, rig.backend.flushes());
    }
}
