package io.emuhost.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.testkit.device.TestProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend object's lifecycle: flush, flush executor, info and close. */
class HostMemoryBackendTest {

    private final FileBackendFactory factory = new FileBackendFactory();

    @TempDir
    Path dir;

    private HostMemoryBackend create(String id, String... properties) throws Exception {
        return factory.create(id, TestProperties.of(properties));
    }

    @Test
    void close_releasesDescriptorAndMapping_once() throws Exception {
        Path file = dir.resolve("f.img");
        HostMemoryBackend backend = create("m1", "mem-path", file.toString(), "size", "2M", "share", "on");
        assertEquals(1, HostFiles.descriptorsOf(file));
        assertTrue(HostFiles.isMapped(file));

        backend.close();
        backend.close();

        assertEquals(0, HostFiles.descriptorsOf(file));
        assertFalse(HostFiles.isMapped(file));
        assertEquals(-1, backend.fd());
    }

    @Test
    void flush_fileBackend_succeeds() throws Exception {
        try (HostMemoryBackend backend = create("m1", "mem-path", dir.resolve("f").toString(), "size", "2M",
                "share", "on")) {
            backend.window(0).put(0, (byte) 1);

            backend.flush();

            assertTrue(backend.fd() >= 0);
        }
    }

    @Test
    void flush_afterClose_failsWithBadFileDescriptor() throws Exception {
        HostMemoryBackend backend = create("m1", "mem-path", dir.resolve("f").toString(), "size", "2M");
        backend.close();

        IOException e = assertThrows(IOException.class, backend::flush);

        assertEquals("Bad file descriptor", e.getMessage());
    }

    @Test
    void flushExecutor_runsTasksOnOneDaemonThreadNamedAfterId() throws Exception {
        try (HostMemoryBackend backend = create("pmem0", "mem-path", dir.resolve("f").toString(), "size", "2M")) {
            Thread first = CompletableFuture.supplyAsync(Thread::currentThread, backend.flushExecutor()).get();
            Thread second = CompletableFuture.supplyAsync(Thread::currentThread, backend.flushExecutor()).get();

            assertSame(first, second);
            assertEquals("flush-pmem0", first.getName());
            assertTrue(first.isDaemon());
        }
    }

    @Test
    void close_runsQueuedFlushesThenRejectsNewOnes() throws Exception {
        HostMemoryBackend backend = create("m1", "mem-path", dir.resolve("f").toString(), "size", "2M");
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean queuedRan = new AtomicBoolean();
        Thread[] flushThread = new Thread[1];
        backend.flushExecutor().execute(() -> {
            flushThread[0] = Thread.currentThread();
            awaitQuietly(release);
        });
        backend.flushExecutor().execute(() -> queuedRan.set(true));
        AtomicBoolean ranWhenCloseReturned = new AtomicBoolean();
        Thread closer = new Thread(() -> {
            backend.close();
            ranWhenCloseReturned.set(queuedRan.get());
        });
        closer.start();
        while (closer.getState() != Thread.State.TIMED_WAITING && closer.isAlive()) {
            Thread.onSpinWait();
        }

        release.countDown();
        closer.join();

        assertTrue(ranWhenCloseReturned.get());
        flushThread[0].join();
        assertFalse(flushThread[0].isAlive());
        assertThrows(RejectedExecutionException.class, () -> backend.flushExecutor().execute(() -> { }));
    }

    @Test
    void info_reportsProperties() throws Exception {
        try (HostMemoryBackend backend = create("m1", "mem-path", dir.resolve("f").toString(), "size", "3M",
                "share", "on", "merge", "off", "dump", "off", "prealloc", "on")) {
            assertEquals(new MemdevInfo("m1", 3 << 20, false, false, true, true, true, "default", List.of()),
                    backend.info());
            assertEquals("memory-backend-file", backend.type());
            assertEquals("m1", backend.id());
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
