package io.emuhost.qtest.internal;

/**
 * Which throwables a server thread must let kill it. Everything else that escapes a request ends
 * that request (or its connection), so that the server keeps serving: an exception, a
 * {@link LinkageError} (a device bundle went away mid-request), a {@link StackOverflowError}, or
 * an {@link InternalError} such as a fault of mapped memory the memory layer did not see.
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
