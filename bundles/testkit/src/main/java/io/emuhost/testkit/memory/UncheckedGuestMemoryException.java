package io.emuhost.testkit.memory;

import io.emuhost.api.memory.GuestMemoryException;

/**
 * A guest memory access made by test code (a driver, a helper) failed. Test code treats such a
 * failure as a broken test set-up, so it travels unchecked, like {@link java.io.UncheckedIOException}.
 */
public final class UncheckedGuestMemoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Wraps a failed access.
     *
     * @param cause the failed access
     */
    public UncheckedGuestMemoryException(GuestMemoryException cause) {
        super(cause.getMessage(), cause);
    }

    /**
     * The failed access.
     *
     * @return the wrapped exception
     */
    @Override
    public synchronized GuestMemoryException getCause() {
        return (GuestMemoryException) super.getCause();
    }
}
