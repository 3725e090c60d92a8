package io.emuhost.api.bus;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The registers of a memory-mapped (or port-mapped) region. Offsets are relative to the region's
 * start; the caller guarantees {@code offset + size <= region size}. Handlers may be called
 * concurrently from several vCPU-like threads and must not block on guest-controlled work.
 */
@ConsumerType
public interface IoHandler {

    /**
     * A load from the region.
     *
     * @param offset byte offset in the region
     * @param size access size: 1, 2, 4 or 8
     * @return the value, zero-extended (little-endian register semantics)
     */
    long read(long offset, int size);

    /**
     * A store to the region.
     *
     * @param offset byte offset in the region
     * @param size access size: 1, 2, 4 or 8
     * @param value the value; the low {@code size} bytes are used
     */
    void write(long offset, int size, long value);
}
