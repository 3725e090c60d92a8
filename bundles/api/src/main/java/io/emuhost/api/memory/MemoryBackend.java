package io.emuhost.api.memory;

import io.emuhost.api.device.UserObject;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Host memory that backs a guest memory region (QEMU's {@code memory-backend-*} objects).
 *
 * <p>The backend owns its mapping: the bytes stay mapped from creation until {@link #close()},
 * whatever happens to the devices that use it. Fast access goes through {@link #window(int)}:
 * the mapping is cut into windows of {@link #WINDOW_SIZE} bytes (the last may be shorter), each a
 * direct little-endian {@link ByteBuffer}, because one Java buffer cannot exceed 2 GiB.
 */
@ConsumerType
public interface MemoryBackend extends UserObject {

    /** log2 of {@link #WINDOW_SIZE}. */
    int WINDOW_SHIFT = 30;

    /** The size of every window but the last: 1 GiB. */
    long WINDOW_SIZE = 1L << WINDOW_SHIFT;

    /**
     * The size of the region as configured (QEMU keeps it exactly as given, even when the
     * mapping itself is rounded up to the page size).
     *
     * @return size in bytes
     */
    long size();

    /**
     * The alignment a guest physical address of this region must have: max(page size, align).
     *
     * @return alignment in bytes, a power of two
     */
    long alignment();

    /**
     * Whether guest writes reach the backing store (MAP_SHARED) rather than a private copy.
     *
     * @return the {@code share} property
     */
    boolean shared();

    /**
     * Whether the region is read-only (ROM): guest writes are dropped.
     *
     * @return the {@code readonly} property
     */
    boolean readOnly();

    /**
     * The host virtual address of the mapping, for accelerators and other processes.
     *
     * @return the address returned by mmap
     */
    long hostAddress();

    /**
     * How many windows cover the region.
     *
     * @return {@code ceil(size / WINDOW_SIZE)}
     */
    int windowCount();

    /**
     * A new view of one window: a direct, little-endian buffer over bytes
     * {@code [index * WINDOW_SIZE, min(size, (index + 1) * WINDOW_SIZE))}; read-only if the
     * backend is. Callers cache the views; each call creates one.
     *
     * @param index window number, 0 ≤ index &lt; {@link #windowCount()}
     * @return the view
     */
    ByteBuffer window(int index);

    /**
     * The durability barrier: returns once every write made to the region before the call is on
     * stable storage (fsync of the backing file). Blocks; call it on {@link #flushExecutor()}.
     *
     * @throws IOException if the data could not be made durable (for example a backend with no
     *     file behind it)
     */
    void flush() throws IOException;

    /**
     * The backend's own single thread for flushes, so that a slow fsync never blocks the thread
     * that notified the device. Tasks submitted after {@link #close()} are rejected.
     *
     * @return the executor
     */
    Executor flushExecutor();

    /**
     * The properties the monitor shows ({@code info memdev}, {@code query-memdev}).
     *
     * @return an immutable description
     */
    MemdevInfo info();
}
