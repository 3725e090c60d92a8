package io.emuhost.remote.internal;

/**
 * Which throwables a connection thread must let kill it. Everything else that escapes a message
 * ends that connection, logged once, and the server goes on accepting: an exception, a
 * {@link LinkageError} (a bundle went away mid-message), a {@link StackOverflowError}, or an
 * {@link InternalError} such as a fault of mapped memory.
 */
final class FatalErrors {

    private FatalErrors() {
    }

    /**
     * Whether the JVM itself is in trouble: out of memory or an unknown VM error.
     *
     * @param failure what escaped
     * @return true if it must be rethrown
     */
    static boolean isFatal(Throwable failure) {
        return failure instanceof VirtualMachineError
                && !(failure instanceof InternalError)
                && !(failure instanceof StackOverflowError);
    }
}
