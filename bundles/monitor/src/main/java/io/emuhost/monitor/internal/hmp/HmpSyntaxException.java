package io.emuhost.monitor.internal.hmp;

import java.util.Optional;

/**
 * An HMP command line whose arguments do not parse. The monitor prints the message, if any, then
 * QEMU's {@code Try "help <command>" for more information}.
 */
public final class HmpSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the line QEMU prints on the monitor, e.g. {@code device_del: string expected},
     *     or null when QEMU prints none there
     */
    public HmpSyntaxException(String message) {
        super(message);
    }

    /**
     * The line for the monitor.
     *
     * @return the text, or empty
     */
    public Optional<String> monitorLine() {
        return Optional.ofNullable(getMessage());
    }
}
