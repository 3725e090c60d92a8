package io.emuhost.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The flush executor: submission order, more tasks than its queue holds, and shutdown's promise. */
class FlushThreadTest {

    @Test
    void tasks_runInSubmissionOrder_evenBeyondTheQueuesCapacity() throws Exception {
        FlushThread executor = new FlushThread("flush-order");
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> ran = new ArrayList<>();
        executor.execute(() -> awaitQuietly(release));
        Thread submitter = new Thread(() -> {
            for (int i = 0; i < 3 * FlushThread.CAPACITY; i++) {
                int n = i;
                executor.execute(() -> ran.add(n));
            }
        });
        submitter.start();
        release.countDown();
        submitter.join();
        executor.shutdown();

        assertTrue(executor.awaitTermination(1, TimeUnit.MINUTES));
        assertEquals(3 * FlushThread.CAPACITY, ran.size());
        for (int i = 0; i < ran.size(); i++) {
            assertEquals(i, ran.get(i));
        }
    }

    @Test
    void shutdown_rejectsLaterTasks() throws Exception {
        FlushThread executor = new FlushThread("flush-shutdown");
        executor.shutdown();

        assertThrows(RejectedExecutionException.class, () -> executor.execute(() -> { }));
        assertTrue(executor.awaitTermination(1, TimeUnit.MINUTES));
    }

    @Test
    void submissionsRacingShutdown_areEitherRunOrRejected() throws Exception {
        for (int round = 0; round < 50; round++) {
            FlushThread executor = new FlushThread("flush-race");
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger ran = new AtomicInteger();
            CountDownLatch start = new CountDownLatch(1);
            Thread[] submitters = new Thread[3];
            for (int t = 0; t < submitters.length; t++) {
                submitters[t] = new Thread(() -> {
                    awaitQuietly(start);
                    for (int i = 0; i < 500; i++) {
                        try {
                            executor.execute(ran::incrementAndGet);
                            accepted.incrementAndGet();
                        } catch (RejectedExecutionException e) {
                            return;
                        }
                    }
                });
                submitters[t].start();
            }
            start.countDown();
            executor.shutdown();
            for (Thread submitter : submitters) {
                submitter.join();
            }

            assertTrue(executor.awaitTermination(1, TimeUnit.MINUTES));
            assertEquals(accepted.get(), ran.get());
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
