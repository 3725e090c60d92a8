package io.emuhost.qtest.internal;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QEMU's {@code -qtest-log}: every request as {@code [R +T] line}, every reply as
 * {@code [S +T] reply}, connection events as {@code [I T] OPENED} and {@code [I +T] CLOSED},
 * where T is seconds since the connection opened with six decimals. {@code none} logs nothing;
 * no target logs to standard error; a path is created or truncated (C's {@code fopen "w+"}). A
 * log file that cannot be opened means no log, as in QEMU, with a warning.
 */
final class QtestLog implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QtestLog.class);
    private static final String NONE = "none";

    private final PrintStream out;
    private final boolean owned;
    private long openedAt;
    private boolean opened;

    private QtestLog(PrintStream out, boolean owned) {
        this.out = out;
        this.owned = owned;
    }

    /**
     * Opens the log as {@code -qtest-log} says.
     *
     * @param target a file path, {@code none}, or empty for standard error
     * @param stderr the standard error stream
     * @return the log
     */
    static QtestLog open(Optional<String> target, PrintStream stderr) {
        if (target.isEmpty()) {
            return new QtestLog(stderr, false);
        }
        if (target.get().equals(NONE)) {
            return new QtestLog(null, false);
        }
        try {
            OutputStream file = new FileOutputStream(target.get());
            return new QtestLog(new PrintStream(file, true, StandardCharsets.ISO_8859_1), true);
        } catch (IOException e) {
            LOG.warn("cannot open qtest log {}: {}", target.get(), e.getMessage());
            return new QtestLog(null, false);
        }
    }

    /** A client connected: the clock restarts. */
    synchronized void opened() {
        opened = true;
        openedAt = System.nanoTime();
        print(String.format(Locale.ROOT, "[I %.06f] OPENED\n", elapsed()));
    }

    /** The client went away. */
    synchronized void closed() {
        print(String.format(Locale.ROOT, "[I +%.06f] CLOSED\n", elapsed()));
        opened = false;
    }

    /**
     * A request was received.
     *
     * @param line the line, without its newline
     */
    synchronized void request(String line) {
        print(String.format(Locale.ROOT, "[R +%.06f] %s\n", elapsed(), line));
    }

    /**
     * Text was sent to the client, or is a note for the log only.
     *
     * @param text the text with its newline
     * @param prefixed false for the replies QEMU sends without {@code qtest_send_prefix}
     */
    synchronized void sent(String text, boolean prefixed) {
        if (out != null && opened) {
            print(prefixed ? String.format(Locale.ROOT, "[S +%.06f] %s", elapsed(), text) : text);
        }
    }

    private double elapsed() {
        return (System.nanoTime() - openedAt) / 1e9;
    }

    private void print(String text) {
        if (out != null) {
            out.print(text);
            out.flush();
        }
    }

    @Override
    public synchronized void close() {
        if (owned) {
            out.close();
        }
    }
}
