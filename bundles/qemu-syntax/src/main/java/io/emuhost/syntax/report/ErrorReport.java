package io.emuhost.syntax.report;

import java.io.PrintStream;

/** QEMU's {@code error_report}/{@code warn_report} line shapes, with our program name. */
public final class ErrorReport {

    /** The program name that starts every diagnostic line. */
    public static final String PROGRAM = "emuhost";

    private ErrorReport() {
    }

    /**
     * Prints a warning about an option: {@code emuhost: <location>: warning: <message>}.
     *
     * @param err where diagnostics go
     * @param location the option as written
     * @param message the warning text
     */
    public static void warning(PrintStream err, String location, String message) {
        err.println(PROGRAM + ": " + location + ": warning: " + message);
    }

    /**
     * Prints an error without a location: {@code emuhost: <message>}.
     *
     * @param err where diagnostics go
     * @param message the error text
     */
    public static void error(PrintStream err, String message) {
        err.println(PROGRAM + ": " + message);
    }
}
