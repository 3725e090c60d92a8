package io.emuhost.launcher.logging;

import java.io.PrintStream;
import java.util.Locale;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/**
 * One named logger writing {@code emuhost: LEVEL: NAME: message} lines to standard error (standard
 * output belongs to the monitor). The name is the logger's last dot-separated part, as the class a
 * line comes from is what a reader looks for.
 */
final class StderrLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient String shortName;
    private final transient Level threshold;
    private final transient PrintStream out;

    /**
     * @param name the logger's name, usually a class name
     * @param threshold the least severe level written
     * @param out where the lines go: standard error, or a test's stream
     */
    StderrLogger(String name, Level threshold, PrintStream out) {
        this.name = name;
        this.shortName = name.substring(name.lastIndexOf('.') + 1);
        this.threshold = threshold;
        this.out = out;
    }

    @Override
    public boolean isTraceEnabled() {
        return enabled(Level.TRACE);
    }

    @Override
    public boolean isDebugEnabled() {
        return enabled(Level.DEBUG);
    }

    @Override
    public boolean isInfoEnabled() {
        return enabled(Level.INFO);
    }

    @Override
    public boolean isWarnEnabled() {
        return enabled(Level.WARN);
    }

    @Override
    public boolean isErrorEnabled() {
        return enabled(Level.ERROR);
    }

    private boolean enabled(Level level) {
        // org.slf4j.event.Level: a lower int is more verbose
        return level.toInt() >= threshold.toInt();
    }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String pattern, Object[] arguments,
            Throwable throwable) {
        String message = MessageFormatter.basicArrayFormat(pattern, arguments);
        String line = "emuhost: " + level.name().toLowerCase(Locale.ROOT) + ": " + shortName + ": " + message;
        // one println per record, so that lines of concurrent threads do not interleave
        synchronized (out) {
            out.println(line);
            if (throwable != null) {
                throwable.printStackTrace(out);
            }
        }
    }
}
