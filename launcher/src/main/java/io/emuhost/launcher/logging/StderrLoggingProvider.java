package io.emuhost.launcher.logging;

import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.event.Level;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.helpers.NOPMDCAdapter;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * emuhost.jar's SLF4J back end: log records to standard error as {@code emuhost: warn: Class:
 * message}, WARN and above unless the system property {@value #LEVEL_PROPERTY} names another level
 * ({@code ERROR}, {@code WARN}, {@code INFO}, {@code DEBUG}, {@code TRACE}).
 *
 * <p>SLF4J's API is on the launcher's class path and the system bundle exports it, so every bundle's
 * {@code org.slf4j} import is wired to it and {@link java.util.ServiceLoader} finds this provider
 * there (SLF4J 2's discovery, through {@code META-INF/services}). It replaces pax-logging with log4j2,
 * whose ~900 classes were a third of what emuhost loaded at start-up only to print these lines.
 * Karaf keeps its own pax-logging: the bundles import only {@code org.slf4j}.
 */
public final class StderrLoggingProvider implements SLF4JServiceProvider {

    /** The system property choosing the least severe level written. */
    public static final String LEVEL_PROPERTY = "emuhost.log.level";

    /** The SLF4J API this provider serves: any 2.0.x (SLF4J's own providers give "2.0.99" for that). */
    private static final String API_VERSION = "2.0.99";

    private final IMarkerFactory markers = new BasicMarkerFactory();
    private final MDCAdapter mdc = new NOPMDCAdapter();
    private ILoggerFactory loggers;

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return API_VERSION;
    }

    /** Called once by SLF4J before the first logger is asked for. */
    @Override
    public void initialize() {
        loggers = new StderrLoggerFactory(threshold(System.getProperty(LEVEL_PROPERTY)), System.err);
    }

    /**
     * The threshold a property value names.
     *
     * @param value a level name in any case, or null
     * @return that level; WARN for null; WARN, with a line on standard error, for an unknown name
     */
    static Level threshold(String value) {
        if (value == null || value.isBlank()) {
            return Level.WARN;
        }
        try {
            return Level.valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            System.err.println("emuhost: warning: " + LEVEL_PROPERTY + "=" + value
                    + " is not one of ERROR, WARN, INFO, DEBUG, TRACE; logging WARN and above");
            return Level.WARN;
        }
    }

    /**
     * A factory writing to a given stream, for tests.
     *
     * @param threshold the least severe level written
     * @param out the stream
     * @return the factory
     */
    static ILoggerFactory factory(Level threshold, PrintStream out) {
        return new StderrLoggerFactory(threshold, out);
    }
}
