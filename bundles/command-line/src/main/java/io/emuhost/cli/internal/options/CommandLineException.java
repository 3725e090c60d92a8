package io.emuhost.cli.internal.options;

import io.emuhost.syntax.report.ErrorReport;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * A command line that cannot be carried out. Printed the way QEMU's {@code error_report} does:
 * {@code emuhost: [<option> <argument>: ]<message>}, then any hint lines; the process exits with 1.
 */
public final class CommandLineException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String location;
    private final List<String> hints;

    /**
     * Creates the exception.
     *
     * @param location the option as written ({@code -object memory-backend-file,...}), or null
     *     for errors QEMU reports without a location
     * @param message the text in QEMU's wording
     * @param hints further lines, printed after the message as they are
     */
    public CommandLineException(String location, String message, String... hints) {
        super(message);
        this.location = location;
        this.hints = List.of(hints);
    }

    /**
     * Where the error was found.
     *
     * @return the option as written, or empty
     */
    public Optional<String> location() {
        return Optional.ofNullable(location);
    }

    /**
     * The hint lines.
     *
     * @return the lines, possibly none
     */
    public List<String> hints() {
        return hints;
    }

    /**
     * Prints the error.
     *
     * @param err where diagnostics go
     */
    public void print(PrintStream err) {
        err.println(ErrorReport.PROGRAM + ": " + (location == null ? "" : location + ": ") + getMessage());
        hints.forEach(err::println);
    }
}
