package io.emuhost.virtio.pmem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.testkit.memory.TestMemoryBackend;
import io.emuhost.testkit.virtqueue.UsedElement;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Group commit: requests that arrive during an fsync share the next one, none completes before
 * an fsync that started after it arrived, and a reset drops the completions of a running fsync.
 */
class GroupCommitTest {

    private final PmemRig rig = new PmemRig();

    @AfterEach
    void close() {
        rig.backend.letFlushesGo(100);
        rig.close();
    }

    @Test
    void requestsArrivingDuringAnFsync_completeOnlyAfterTheNextFsync() throws Exception {
        rig.backend.holdFlushes();
        int a = rig.offerFlush(0);
        rig.kick();
        rig.backend.awaitFlushStarted();
        int b = rig.offerFlush(1);
        int c = rig.offerFlush(2);
        rig.kick();

        rig.backend.letFlushesGo(1);
        rig.backend.awaitFlushStarted();
        UsedElement afterFirstFsync = rig.pollUsed();
        UsedElement nothingElseYet = rig.pollUsed();
        int flushesWhileSecondRuns = rig.backend.flushes();
        rig.backend.letFlushesGo(1);
        rig.settle();

        assertEquals(new UsedElement(a, 4), afterFirstFsync);
        assertNull(nothingElseYet);
        assertEquals(2, flushesWhileSecondRuns);
        assertEquals(new UsedElement(b, 4), rig.pollUsed());
        assertEquals(new UsedElement(c, 4), rig.pollUsed());
        assertEquals(2, rig.backend.flushes());
        assertEquals(0, rig.ret(0) | rig.ret(1) | rig.ret(2));
    }

    @Test
    void batch_sendsOneNotificationForAllItsRequests() throws Exception {
        rig.backend.holdFlushes();
        rig.offerFlush(0);
        rig.kick();
        rig.backend.awaitFlushStarted();
        rig.offerFlush(1);
        rig.offerFlush(2);
        rig.offerFlush(3);
        rig.kick();

        rig.backend.letFlushesGo(2);
        rig.settle();

        assertEquals(2, rig.backend.flushes());
        assertEquals(2, rig.interrupt.queueNotifications());
    }

    @Test
    void reset_dropsTheCompletionsOfARunningFsync() throws Exception {
        rig.backend.holdFlushes();
        rig.offerFlush(0);
        rig.kick();
        rig.backend.awaitFlushStarted();

        Thread reset = startResetAndAwaitItsWait();
        rig.backend.letFlushesGo(1);
        reset.join(TimeUnit.SECONDS.toMillis(TestMemoryBackend.WAIT_SECONDS));
        rig.settle();

        assertNull(rig.pollUsed());
        assertEquals(PmemRig.RESPONSE_FILL, rig.memory.bytes(PmemRig.response(0), 1)[0] & 0xff);
        assertEquals(0, rig.interrupt.queueNotifications());
    }

    @Test
    void reset_waitsForTheRunningFsync() throws Exception {
        rig.backend.holdFlushes();
        rig.offerFlush(0);
        rig.kick();
        rig.backend.awaitFlushStarted();

        Thread reset = startResetAndAwaitItsWait();
        boolean waitingDuringFsync = reset.isAlive();
        rig.backend.letFlushesGo(1);
        reset.join(TimeUnit.SECONDS.toMillis(TestMemoryBackend.WAIT_SECONDS));

        assertTrue(waitingDuringFsync);
        assertFalse(reset.isAlive());
    }

    @Test
    void reset_dropsRequestsWaitingForTheNextFsync() throws Exception {
        rig.backend.holdFlushes();
        rig.offerFlush(0);
        rig.kick();
        rig.backend.awaitFlushStarted();
        rig.offerFlush(1);
        rig.kick();

        Thread reset = startResetAndAwaitItsWait();
        rig.backend.letFlushesGo(1);
        reset.join(TimeUnit.SECONDS.toMillis(TestMemoryBackend.WAIT_SECONDS));
        rig.settle();

        assertEquals(1, rig.backend.flushes());
        assertNull(rig.pollUsed());
    }

    /** Starts a reset on its own thread and returns once it waits for the running batch. */
    private Thread startResetAndAwaitItsWait() throws InterruptedException {
        Thread reset = new Thread(rig.device::reset, "reset");
        reset.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestMemoryBackend.WAIT_SECONDS);
        while (reset.getState() != Thread.State.WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("reset did not wait: " + reset.getState());
            }
            Thread.sleep(1);
        }
        return reset;
    }
}
