package io.emuhost.monitor.internal.qmp;

/**
 * The bounds on what QMP clients may make the host hold.
 *
 * @param maxValueBytes the longest JSON value read (QEMU: 64 MiB of tokens); a longer one gets
 *     {@code JSON token size limit exceeded}, once
 * @param maxBufferedBytes how much all clients of one monitor together may hold of values being
 *     read (beyond a few KiB each); a value that does not fit is answered as a longer one
 * @param maxQueuedBytes how much output may wait for a client that does not read; beyond it the
 *     client is disconnected
 */
public record QmpLimits(int maxValueBytes, long maxBufferedBytes, long maxQueuedBytes) {

    /**
     * QEMU's 64 MiB per value, and as much for all clients of a monitor together (one client
     * alone gets QEMU's limit; many at once cannot multiply it); 16 MiB of queued output.
     */
    public static final QmpLimits DEFAULT = new QmpLimits(JsonFramer.MAX_TOKEN_SIZE, JsonFramer.MAX_TOKEN_SIZE,
            16L << 20);
}
