package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.MemoryBackend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link MemoryBackend} without memory, for the device's flush path: it counts flushes, can hold
 * each flush until the test lets it go, and can fail them.
 */
final class TestMemoryBackend implements MemoryBackend {

    static final long WAIT_SECONDS = 10;

    private final String id;
    private final long size;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "test-flush");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger flushes = new AtomicInteger();
    private final Semaphore started = new Semaphore(0);
    private final Semaphore gate = new Semaphore(0);
    private volatile boolean holding;
    private volatile boolean failing;

    TestMemoryBackend(String id, long size) {
        this.id = id;
        this.size = size;
    }

    /** From now on every flush waits for {@link #letFlushesGo}. */
    TestMemoryBackend holdFlushes() {
        holding = true;
        return this;
    }

    /** From now on every flush fails, as QEMU's fsync on memory-backend-ram does. */
    TestMemoryBackend failFlushes() {
        failing = true;
        return this;
    }

    void letFlushesGo(int count) {
        gate.release(count);
    }

    /** Waits until one more flush has started (each flush can be awaited once). */
    void awaitFlushStarted() throws InterruptedException {
        if (!started.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("no flush started");
        }
    }

    int flushes() {
        return flushes.get();
    }

    /** Waits until every task submitted so far has run. */
    void drain() throws Exception {
        executor.submit(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void flush() throws IOException {
        flushes.incrementAndGet();
        started.release();
        if (holding) {
            try {
                if (!gate.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                    throw new IOException("test never let the flush go");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        }
        if (failing) {
            throw new IOException("fsync failed");
        }
    }

    @Override
    public ExecutorService flushExecutor() {
        return executor;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return "memory-backend-file";
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long alignment() {
        return 4096;
    }

    @Override
    public boolean shared() {
        return true;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public long hostAddress() {
        return 0;
    }

    @Override
    public int windowCount() {
        return 0;
    }

    @Override
    public ByteBuffer window(int index) {
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    public MemdevInfo info() {
        return new MemdevInfo(id, size, true, true, false, true, true, "default", List.of());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
