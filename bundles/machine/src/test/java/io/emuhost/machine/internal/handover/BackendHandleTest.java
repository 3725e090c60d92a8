package io.emuhost.machine.internal.handover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.testkit.memory.TestMemoryBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Flush tasks across a backend hand-over: live they go to the backend's executor without a lock;
 * held they wait for the next backend; one that races the start of a hold and is rejected by the
 * stopping backend is not lost.
 */
class BackendHandleTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void live_tasksRunOnTheBackendsExecutor() throws Exception {
        TestMemoryBackend backend = new TestMemoryBackend("m1", 4096);
        BackendHandle handle = new BackendHandle(backend, TIMEOUT);
        AtomicInteger ran = new AtomicInteger();

        handle.flushExecutor().execute(ran::incrementAndGet);
        backend.drain();

        assertEquals(1, ran.get());
        backend.close();
    }

    @Test
    void held_tasksRunOnTheBackendThatTakesOver() throws Exception {
        TestMemoryBackend old = new TestMemoryBackend("m1", 4096);
        TestMemoryBackend next = new TestMemoryBackend("m1", 4096);
        BackendHandle handle = new BackendHandle(old, TIMEOUT);
        AtomicInteger ran = new AtomicInteger();

        handle.hold();
        old.close();
        handle.flushExecutor().execute(ran::incrementAndGet);
        int beforeResume = ran.get();
        handle.resume(next);
        next.drain();

        assertEquals(0, beforeResume);
        assertEquals(1, ran.get());
        next.close();
    }

    @Test
    void taskRejectedBecauseAHoldBeganMeanwhile_runsOnTheNextBackend() throws Exception {
        TestMemoryBackend next = new TestMemoryBackend("m1", 4096);
        BackendHandle[] handle = new BackendHandle[1];
        // the hold begins after the submission looked at the phase, and the old backend has stopped
        Executor stopping = task -> {
            handle[0].hold();
            throw new RejectedExecutionException("stopped");
        };
        handle[0] = new BackendHandle(withExecutor(new TestMemoryBackend("m1", 4096), stopping), TIMEOUT);
        AtomicInteger ran = new AtomicInteger();

        handle[0].flushExecutor().execute(ran::incrementAndGet);
        handle[0].resume(next);
        next.drain();

        assertEquals(1, ran.get());
        next.close();
    }

    @Test
    void live_rejectionByAClosedBackend_isReported() {
        TestMemoryBackend backend = new TestMemoryBackend("m1", 4096);
        BackendHandle handle = new BackendHandle(backend, TIMEOUT);
        backend.close();

        assertThrows(RejectedExecutionException.class, () -> handle.flushExecutor().execute(() -> { }));
    }

    private static MemoryBackend withExecutor(MemoryBackend backend, Executor executor) {
        return (MemoryBackend) Proxy.newProxyInstance(MemoryBackend.class.getClassLoader(),
                new Class<?>[] {MemoryBackend.class}, (proxy, method, args) -> {
                    if (method.getName().equals("flushExecutor")) {
                        return executor;
                    }
                    try {
                        return method.invoke(backend, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
