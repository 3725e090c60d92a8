package io.emuhost.machine.internal.testing;

import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test double for a memory backend: a sparse file mapped in 1 GiB windows, so GiB-sized
 * backends cost only the pages a test touches.
 */
public final class SparseFileBackend implements MemoryBackend {

    private final String id;
    private final String type;
    private final long size;
    private final long alignment;
    private final boolean readOnly;
    private final MappedByteBuffer[] windows;
    private final List<String> closeLog;
    private final AtomicInteger flushes = new AtomicInteger();
    private boolean closed;

    /**
     * Creates (or reuses) {@code dir/id} of the given size and maps it.
     *
     * @param dir directory for the file
     * @param id object id
     * @param type QOM type
     * @param size bytes
     * @param alignment the alignment to report
     * @param readOnly map read-only (ROM)
     */
    public SparseFileBackend(Path dir, String id, String type, long size, long alignment, boolean readOnly) {
        this(dir, id, type, size, alignment, readOnly, new ArrayList<>());
    }

    /**
     * Creates (or reuses) {@code dir/id} and maps it; {@link #close()} appends the id to a log.
     *
     * @param dir directory for the file
     * @param id object id
     * @param type QOM type
     * @param size bytes
     * @param alignment the alignment to report
     * @param readOnly map read-only (ROM)
     * @param closeLog where closes are recorded
     */
    public SparseFileBackend(Path dir, String id, String type, long size, long alignment, boolean readOnly,
            List<String> closeLog) {
        this.closeLog = closeLog;
        this.id = id;
        this.type = type;
        this.size = size;
        this.alignment = alignment;
        this.readOnly = readOnly;
        int count = (int) ((size + WINDOW_SIZE - 1) / WINDOW_SIZE);
        this.windows = new MappedByteBuffer[count];
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve(id).toFile(), "rw")) {
            file.setLength(size);
            for (int i = 0; i < count; i++) {
                long start = i * WINDOW_SIZE;
                windows[i] = file.getChannel().map(readOnly ? FileChannel.MapMode.READ_ONLY
                        : FileChannel.MapMode.READ_WRITE, start, Math.min(WINDOW_SIZE, size - start));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        return true;
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
        ByteBuffer view = windows[index].duplicate().order(ByteOrder.LITTLE_ENDIAN);
        return readOnly ? view.asReadOnlyBuffer().order(ByteOrder.LITTLE_ENDIAN) : view;
    }

    @Override
    public void flush() {
        flushes.incrementAndGet();
        for (MappedByteBuffer window : windows) {
            window.force();
        }
    }

    @Override
    public Executor flushExecutor() {
        return Runnable::run;
    }

    @Override
    public MemdevInfo info() {
        return new MemdevInfo(id, size, true, true, false, true, true, "default", List.of());
    }

    @Override
    public void close() {
        closed = true;
        closeLog.add(id);
    }

    /** @return how many times {@link #flush()} was called */
    public int flushes() {
        return flushes.get();
    }

    /** @return whether {@link #close()} was called */
    public boolean closed() {
        return closed;
    }
}
