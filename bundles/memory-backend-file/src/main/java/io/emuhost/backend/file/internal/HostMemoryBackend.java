package io.emuhost.backend.file.internal;

import com.sun.jna.LastErrorException;
import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A mapped memory backend: a host file ({@code memory-backend-file}) or anonymous memory
 * ({@code memory-backend-ram}, fd -1). It owns its mapping and descriptor until {@link #close()}.
 */
public final class HostMemoryBackend implements MemoryBackend {

    private static final Logger LOG = LoggerFactory.getLogger(HostMemoryBackend.class);
    private static final String STATE_FD = "memory-backend.fd";
    private static final String STATE_ADDRESS = "memory-backend.address";
    private static final String STATE_LENGTH = "memory-backend.length";
    private static final String STATE_ALIGNMENT = "memory-backend.alignment";

    private final String id;
    private final String type;
    private final HostMapping mapping;
    private final long size;
    private final long alignment;
    private final boolean readOnly;
    private final boolean discardData;
    private final MemdevInfo info;
    private final Map<String, Object> qomProperties;
    private final FlushThread flushExecutor;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int fd;
    /** The file this backend's open created, removed if its creation is undone; empty when adopted. */
    private final Optional<String> createdFile;

    HostMemoryBackend(String id, String type, MemoryBackendOptions options, Map<String, Object> qomProperties,
            HostMapping mapping, int fd, long alignment, boolean readOnly, boolean discardData,
            Optional<String> createdFile) {
        this.createdFile = createdFile;
        this.id = id;
        this.type = type;
        this.mapping = mapping;
        this.fd = fd;
        this.size = options.size();
        this.alignment = alignment;
        this.readOnly = readOnly;
        this.discardData = discardData;
        this.info = new MemdevInfo(id, size, options.merge(), options.dump(), options.prealloc(),
                options.share(), options.reserve(), options.policy().qapiName(), options.hostNodes().list());
        this.qomProperties = qomProperties;
        this.flushExecutor = new FlushThread("flush-" + id);
        // the flush thread is made here, by the backend's creator, so it carries the creator's
        // access-control context and context class loader, never those of whichever device bundle
        // revision flushes first (which it would pin long after that revision is replaced); a file
        // backend's thread starts now, anonymous RAM's (nothing to flush) at its first task
        if (fd >= 0) {
            flushExecutor.start();
        }
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
        return info.share();
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public long hostAddress() {
        return mapping.address();
    }

    @Override
    public int windowCount() {
        return (int) ((size + WINDOW_SIZE - 1) >>> WINDOW_SHIFT);
    }

    @Override
    public ByteBuffer window(int index) {
        if (index < 0 || index >= windowCount()) {
            throw new IndexOutOfBoundsException("window " + index + " of " + windowCount());
        }
        long start = (long) index << WINDOW_SHIFT;
        return mapping.view(start, (int) Math.min(WINDOW_SIZE, size - start), readOnly);
    }

    /**
     * fsync(2) of the backing descriptor, like virtio-pmem's flush in QEMU: a backend without
     * a file (fd -1) fails with EBADF.
     */
    @Override
    public void flush() throws IOException {
        try {
            LibC.fsync(fd);
        } catch (LastErrorException e) {
            throw new IOException(LibC.describe(e), e);
        }
    }

    @Override
    public Executor flushExecutor() {
        return flushExecutor;
    }

    @Override
    public MemdevInfo info() {
        return info;
    }

    /** The values of {@link FileBackendFactory#properties()} or {@link RamBackendFactory#properties()}. */
    @Override
    public Map<String, Object> qomProperties() {
        return qomProperties;
    }

    /**
     * The backing descriptor, for handing the memory to another process.
     *
     * @return the fd, or -1 for anonymous memory and after {@link #close()}
     */
    public int fd() {
        return fd;
    }

    /**
     * Hands the mapping and the descriptor over (live upgrade): runs the queued flushes, stops
     * the flush thread, and saves the descriptor number and the mapping's address and length,
     * which stay valid in this process for {@link #adopt}. Afterwards this object owns nothing
     * and {@link #close()} does nothing.
     */
    @Override
    public Optional<DeviceState> suspend() {
        if (!closed.compareAndSet(false, true)) {
            return Optional.empty();
        }
        flushExecutor.shutdown();
        awaitFlushes();
        DeviceState state = DeviceState.builder(type).put(STATE_FD, fd).put(STATE_ADDRESS, mapping.address())
                .put(STATE_LENGTH, mapping.length()).put(STATE_ALIGNMENT, alignment).build();
        fd = -1;
        return Optional.of(state);
    }

    /**
     * The mapping and descriptor a backend of another version handed over ({@link #suspend()}),
     * for a factory's restore.
     *
     * @param state the saved state
     * @param size the size the restoring properties give, which the mapping must cover
     * @return the mapping, the descriptor (-1 for anonymous memory) and the alignment
     * @throws StateException if the state is incomplete or its mapping is smaller
     */
    static Adopted adopt(DeviceState state, long size) throws StateException {
        long length = state.longValue(STATE_LENGTH);
        if (Long.compareUnsigned(length, HostMapping.alignUp(size, HostMapping.PAGE_SIZE)) < 0) {
            throw new StateException.Incompatible("mapping of " + length + " bytes for a size of " + size);
        }
        int descriptor = (int) state.longValue(STATE_FD, -1, Integer.MAX_VALUE);
        return new Adopted(HostMapping.adopt(state.longValue(STATE_ADDRESS), length), descriptor,
                state.longValue(STATE_ALIGNMENT, 1, Long.MAX_VALUE));
    }

    /**
     * A mapping and descriptor taken over from a suspended backend.
     *
     * @param mapping the mapping
     * @param fd the descriptor, -1 for anonymous memory
     * @param alignment the guest address alignment
     */
    record Adopted(HostMapping mapping, int fd, long alignment) {
    }

    /**
     * Runs the queued flushes; then discards the data if {@code discard-data=on} (MADV_REMOVE:
     * a shared file is hole-punched), or else makes a writable shared file durable (fsync), so
     * that {@code object_del} and the end of the machine leave every guest write on stable
     * storage; then unmaps and closes the descriptor. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        flushExecutor.shutdown();
        awaitFlushes();
        if (!discardData && fd >= 0 && info.share() && !readOnly) {
            try {
                flush();
            } catch (IOException e) {
                LOG.warn("backend {}: fsync before unmapping failed: {}", id, e.getMessage());
            }
        }
        if (discardData) {
            try {
                mapping.advise(size, LibC.MADV_REMOVE);
            } catch (LastErrorException e) {
                LOG.debug("discard-data of {}: madvise(MADV_REMOVE) failed: {}", id, LibC.describe(e));
            }
        }
        mapping.unmap();
        int descriptor = fd;
        fd = -1;
        if (descriptor >= 0) {
            BackingFile.closeQuietly(descriptor);
        }
    }

    /** Closes, then removes the backing file if this backend's creation made it. */
    @Override
    public void abandon() {
        close();
        createdFile.ifPresent(BackingFile::unlinkQuietly);
    }

    private void awaitFlushes() {
        if (Thread.currentThread() == flushExecutor.thread()) {
            return;
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    if (flushExecutor.awaitTermination(1, TimeUnit.MINUTES)) {
                        return;
                    }
                    LOG.warn("backend {}: still waiting for flushes to finish", id);
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
