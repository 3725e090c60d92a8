package io.emuhost.machine.internal.qmp;

/**
 * The bounds on what one QMP client may make the host hold.
 *
 * @param maxValueBytes the longest JSON value read (QEMU: 64 MiB of tokens); a longer one gets
 *     {@code JSON token size limit exceeded}
 * @param maxQueuedBytes how much output may wait for a client that does not read; beyond it the
 *     client is disconnected
 */
public record QmpLimits(int maxValueBytes, long maxQueuedBytes) {

    /** 1 MiB values (QMP commands are small), 16 MiB of queued output. */
    public static final QmpLimits DEFAULT = new QmpLimits(1 << 20, 16L << 20);
}
