package io.emuhost.testkit.memory;

import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.MemoryBackend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link MemoryBackend} over direct (off-heap) buffers, for unit tests that need a backend without
 * a file: placement and BAR layout (only {@link #size()} and {@link #alignment()} are read) and a
 * device's flush path (flushes are counted, can be held until the test lets them go, and can fail).
 *
 * <p>Defaults: type {@code memory-backend-file}, alignment 4 KiB, shared, writable. Change them with
 * the {@code with...} methods before handing the backend to the code under test.
 *
 * <p>Windows follow the API contract ({@link MemoryBackend#window(int)}): {@code ceil(size / 1 GiB)}
 * zero-filled little-endian direct buffers, each allocated on its first {@link #window(int)} call,
 * so a backend describing gigabytes costs nothing until a test touches it. A size of zero or less
 * has no windows. {@link #hostAddress()} is 0: there is no native mapping to hand out.
 *
 * <p>{@link #flushExecutor()} is one daemon thread, shut down by {@link #close()}; tasks submitted
 * after that are rejected.
 */
public final class TestMemoryBackend implements MemoryBackend {

    /** How long the blocking helpers wait before they give up and fail the test. */
    public static final long WAIT_SECONDS = 10;

    private final String id;
    private final long size;
    private final ByteBuffer[] windows;
    private final ExecutorService executor;
    private final AtomicInteger flushes = new AtomicInteger();
    private final Semaphore started = new Semaphore(0);
    private final Semaphore gate = new Semaphore(0);
    private volatile String type = "memory-backend-file";
    private volatile long alignment = 4096;
    private volatile boolean shared = true;
    private volatile boolean readOnly;
    private volatile boolean holding;
    private volatile boolean failing;
    private volatile boolean closed;

    /**
     * Creates a backend; no memory is allocated until a window is asked for.
     *
     * @param id the object id
     * @param size the configured size in bytes (reported as is, even if not positive)
     */
    public TestMemoryBackend(String id, long size) {
        this.id = Objects.requireNonNull(id, "id");
        this.size = size;
        this.windows = new ByteBuffer[size <= 0 ? 0 : (int) ((size - 1) / WINDOW_SIZE + 1)];
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "test-flush-" + id);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Sets the QOM type {@link #type()} reports.
     *
     * @param newType e.g. {@code memory-backend-ram}
     * @return this backend
     */
    public TestMemoryBackend withType(String newType) {
        type = Objects.requireNonNull(newType, "type");
        return this;
    }

    /**
     * Sets the alignment {@link #alignment()} reports.
     *
     * @param newAlignment bytes, a power of two
     * @return this backend
     */
    public TestMemoryBackend withAlignment(long newAlignment) {
        alignment = newAlignment;
        return this;
    }

    /**
     * Sets the {@code share} property.
     *
     * @param newShared whether the region is MAP_SHARED
     * @return this backend
     */
    public TestMemoryBackend withShared(boolean newShared) {
        shared = newShared;
        return this;
    }

    /**
     * Sets the {@code readonly} property; windows asked for afterwards are read-only views.
     *
     * @param newReadOnly whether the region is ROM
     * @return this backend
     */
    public TestMemoryBackend withReadOnly(boolean newReadOnly) {
        readOnly = newReadOnly;
        return this;
    }

    /**
     * From now on every flush, after it has started, waits for {@link #letFlushesGo(int)} (and fails
     * with an {@link IOException} if the test never lets it go within {@link #WAIT_SECONDS}).
     *
     * @return this backend
     */
    public TestMemoryBackend holdFlushes() {
        holding = true;
        return this;
    }

    /**
     * From now on every flush fails with an {@link IOException}, as QEMU's fsync on
     * {@code memory-backend-ram} does. The flush is still counted.
     *
     * @return this backend
     */
    public TestMemoryBackend failFlushes() {
        failing = true;
        return this;
    }

    /**
     * Lets held flushes complete; permits given before a flush starts are kept for it.
     *
     * @param count how many flushes may pass
     */
    public void letFlushesGo(int count) {
        gate.release(count);
    }

    /**
     * Waits until one more flush has started; each started flush satisfies one call.
     *
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError if no flush starts within {@link #WAIT_SECONDS}
     */
    public void awaitFlushStarted() throws InterruptedException {
        if (!started.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new AssertionError("no flush started");
        }
    }

    /**
     * How many times {@link #flush()} was called, including held and failed flushes.
     *
     * @return the count
     */
    public int flushes() {
        return flushes.get();
    }

    /**
     * Waits until every task submitted to {@link #flushExecutor()} so far has run.
     *
     * @throws Exception if the executor is closed, the wait is interrupted, or it exceeds
     *     {@link #WAIT_SECONDS}
     */
    public void drain() throws Exception {
        executor.submit(() -> { }).get(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean closed() {
        return closed;
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
        return type;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long alignment() {
        return alignment;
    }

    @Override
    public boolean shared() {
        return shared;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public long hostAddress() {
        return 0;
    }

    @Override
    public int windowCount() {
        return windows.length;
    }

    @Override
    public ByteBuffer window(int index) {
        Objects.checkIndex(index, windows.length);
        ByteBuffer view = backing(index).duplicate();
        return (readOnly ? view.asReadOnlyBuffer() : view).order(ByteOrder.LITTLE_ENDIAN);
    }

    private synchronized ByteBuffer backing(int index) {
        if (windows[index] == null) {
            long start = index * WINDOW_SIZE;
            windows[index] = ByteBuffer.allocateDirect((int) Math.min(WINDOW_SIZE, size - start));
        }
        return windows[index];
    }

    @Override
    public MemdevInfo info() {
        return new MemdevInfo(id, size, true, true, false, shared, true, "default", List.of());
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}
