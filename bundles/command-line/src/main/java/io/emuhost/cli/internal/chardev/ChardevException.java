package io.emuhost.cli.internal.chardev;

/**
 * A chardev that cannot be opened, e.g. {@code Failed to bind socket to x.sock: Address already
 * in use}. Printed as QEMU does, {@code emuhost: <location>: <message>}; the emulator exits with 1.
 */
public final class ChardevException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String location;

    /**
     * Creates the exception.
     *
     * @param location the option that defined the chardev, as written
     * @param message the text in QEMU's wording
     * @param cause the I/O failure, or null
     */
    public ChardevException(String location, String message, Throwable cause) {
        super(message, cause);
        this.location = location;
    }

    /**
     * The option that defined the chardev.
     *
     * @return the option as written
     */
    public String location() {
        return location;
    }
}
