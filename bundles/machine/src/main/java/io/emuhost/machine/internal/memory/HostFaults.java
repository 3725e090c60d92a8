package io.emuhost.machine.internal.memory;

import io.emuhost.api.memory.GuestMemoryException;

/**
 * Turns a fault on mapped host memory into a {@link GuestMemoryException.BackingStoreFault} at the
 * access that caused it.
 *
 * <p>A load or store to a page of a mapped file that no longer exists (the file was truncated, or
 * the mapping lies past its end) raises SIGBUS. HotSpot turns a SIGBUS inside a
 * {@code ByteBuffer}/Unsafe access into {@link InternalError}, but on JDK 17 asynchronously: the
 * faulting instruction is skipped (a load returns whatever the register held, a store is dropped,
 * a bulk copy stops early) and the error is only raised when the thread next comes back from the
 * VM to Java code. Observed on 17.0.15 for {@code get(int)}, {@code getInt}, {@code getLong},
 * {@code put(int, byte)}, {@code putLong}, {@code get/put(int, byte[], int, int)} and
 * {@code put(int, ByteBuffer, int, int)}, interpreted, C1 and C2 alike: left alone, the error
 * surfaced at a later loop back-edge, in {@code Integer.parseInt}, or in the next, valid access,
 * outside any {@code catch} around the faulting one (and so anywhere: in a server's accept loop),
 * after the faulting load had returned garbage. Returning from JNI natives
 * ({@code Thread.holdsLock}, {@code Thread.yield}) does not raise it reliably; a call into the VM
 * from Java code does, and {@link #deliverPending} makes one (a {@code multianewarray} whose
 * dimension the JIT cannot know: a runtime call in the interpreter, C1 and C2; about 100 ns and
 * 16 bytes of garbage, so only regions whose host memory can fault pay it). JDK 25 raises the
 * error synchronously; the barrier is then redundant.
 */
final class HostFaults {

    /** Anonymous memory (QEMU's memory-backend-ram) has no file that could shrink under it. */
    private static final String ANONYMOUS_TYPE = "memory-backend-ram";

    private HostFaults() {
    }

    /**
     * Whether a backend's host memory can fault: anything but anonymous memory (files, memfds,
     * QEMU's RAM shared with the remote process).
     *
     * @param backendType the backend's QOM type
     * @return true if accesses need {@link #deliverPending}
     */
    static boolean canFault(String backendType) {
        return !ANONYMOUS_TYPE.equals(backendType);
    }

    /**
     * Raises here an {@link InternalError} that a fault in the preceding accesses left pending.
     * Call it last inside the {@code try} that catches the error.
     *
     * @param zero 0, read from a non-final field so that the JIT cannot fold it (a constant
     *     dimension would let C2 expand the allocation inline, without the VM call)
     */
    static void deliverPending(int zero) {
        if (new byte[zero][0].length != 0) {
            throw new IllegalArgumentException("the fault barrier's dimension must be 0: " + zero);
        }
    }

    /**
     * The typed exception for a fault.
     *
     * @param address first guest address of the access
     * @param length its length
     * @param region the region's name
     * @param error what the JVM raised
     * @return the exception to throw
     */
    static GuestMemoryException.BackingStoreFault fault(long address, long length, String region,
            InternalError error) {
        GuestMemoryException.BackingStoreFault fault =
                new GuestMemoryException.BackingStoreFault(address, length, region);
        fault.initCause(error);
        return fault;
    }
}
