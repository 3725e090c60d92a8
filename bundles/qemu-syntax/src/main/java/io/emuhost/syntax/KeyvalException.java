package io.emuhost.syntax;

/** An option string that does not split into keys and values; the message is QEMU's. */
public final class KeyvalException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the user-visible text, e.g. {@code Invalid parameter ''}
     */
    public KeyvalException(String message) {
        super(message);
    }
}
