package io.emuhost.monitor.internal.hmp;

/**
 * Marks a command after which the HMP session that ran it reads no more input ({@code quit}:
 * QEMU suspends the monitor and shuts down).
 */
public interface EndsHmpSession {
}
