package io.emuhost.virtio.pmem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.testkit.virtqueue.UsedElement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Notifications from several threads at once (several vCPUs kicking the queue): one thread serves
 * at a time and the others do not wait for it; every request is answered exactly once.
 */
class ConcurrentNotifyTest {

    private static final int REQUESTS = 100;
    private static final int KICKS_PER_THREAD = 2_000;

    private final PmemRig rig = new PmemRig();

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void kicksFromFourThreads_answerEveryRequestOnce() throws Exception {
        Set<Integer> heads = new HashSet<>();
        for (int n = 0; n < REQUESTS; n++) {
            heads.add(rig.offerFlush(n));
        }
        CountDownLatch start = new CountDownLatch(1);
        Thread[] kickers = new Thread[4];
        for (int t = 0; t < kickers.length; t++) {
            kickers[t] = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < KICKS_PER_THREAD; i++) {
                    rig.kick();
                }
            });
            kickers[t].start();
        }
        start.countDown();
        for (Thread kicker : kickers) {
            kicker.join();
        }
        rig.settle();

        Set<Integer> answered = new HashSet<>();
        for (UsedElement used = rig.pollUsed(); used != null; used = rig.pollUsed()) {
            assertTrue(answered.add(used.id()), "answered twice: " + used);
        }
        assertEquals(heads, answered);
        for (int n = 0; n < REQUESTS; n++) {
            assertEquals(0, rig.ret(n));
        }
    }
}
