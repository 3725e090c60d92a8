package io.emuhost.api.bus;

import io.emuhost.api.memory.GuestMemoryException;

/**
 * A {@link GuestBus} load or store hit memory whose host backing faulted
 * ({@link GuestMemoryException.BackingStoreFault}). Unchecked, like
 * {@link java.io.UncheckedIOException}: bus accesses declare no error (a CPU's load has no error
 * path; QEMU dies of the SIGBUS), so this one failure travels to whoever drives the bus — a qtest
 * client gets {@code FAIL}, a remote BAR access reads all ones — and fails that access only.
 */
public final class BusFaultException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Wraps the fault.
     *
     * @param cause the faulted memory access
     */
    public BusFaultException(GuestMemoryException.BackingStoreFault cause) {
        super(cause.getMessage(), cause);
    }

    /**
     * The faulted memory access.
     *
     * @return the wrapped exception
     */
    @Override
    public synchronized GuestMemoryException.BackingStoreFault getCause() {
        return (GuestMemoryException.BackingStoreFault) super.getCause();
    }
}
