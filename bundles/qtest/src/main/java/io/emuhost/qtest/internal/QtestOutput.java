package io.emuhost.qtest.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of one qtest connection. Replies come from the serving thread, {@code IRQ}
 * lines from whichever thread delivers an interrupt (a device's completion thread, under the
 * interrupt controller's lock); both are queued in the order they happen and written, with their
 * log lines, by one writer thread. So a line is never split, an IRQ line may come before a reply
 * but never inside it, and no delivering thread ever waits for the client. After a write fails
 * (the client went away) further lines are only logged.
 */
final class QtestOutput implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QtestOutput.class);

    private static final long CLOSE_WAIT_SECONDS = 5;

    private enum Kind { SEND, SEND_UNPREFIXED, NOTE, REQUEST, END }

    private record Entry(Kind kind, String text) {
    }

    private final OutputStream out;
    private final QtestLog log;
    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private boolean broken;

    QtestOutput(OutputStream out, QtestLog log) {
        this.out = out;
        this.log = log;
        this.writer = new Thread(this::drain, "qtest-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues a reply or an asynchronous line.
     *
     * @param text the text, ending in a newline
     * @param prefixed false for the replies QEMU logs without the {@code [S +T]} prefix
     */
    void send(String text, boolean prefixed) {
        queue.add(new Entry(prefixed ? Kind.SEND : Kind.SEND_UNPREFIXED, text));
    }

    /**
     * Queues a reply with the log prefix.
     *
     * @param text the text, ending in a newline
     */
    void send(String text) {
        send(text, true);
    }

    /**
     * Queues a note for the log only, with the {@code [S +T]} prefix ({@code qtest_log_send}).
     *
     * @param text the text, ending in a newline
     */
    void note(String text) {
        queue.add(new Entry(Kind.NOTE, text));
    }

    /**
     * Queues the log line of a received request, so the log keeps the order of the stream.
     *
     * @param line the request line
     */
    void request(String line) {
        queue.add(new Entry(Kind.REQUEST, line));
    }

    /** Writes what is queued and stops the writer (waiting a bounded time for a stuck client). */
    @Override
    public void close() {
        queue.add(new Entry(Kind.END, ""));
        try {
            writer.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        try {
            for (Entry entry = queue.take(); entry.kind() != Kind.END; entry = queue.take()) {
                switch (entry.kind()) {
                    case REQUEST -> log.request(entry.text());
                    case NOTE -> log.sent(entry.text(), true);
                    default -> write(entry.text(), entry.kind() == Kind.SEND);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(String text, boolean prefixed) {
        log.sent(text, prefixed);
        if (broken) {
            return;
        }
        try {
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            broken = true;
        } catch (RuntimeException | Error e) {
            if (FatalErrors.isFatal(e)) {
                throw e;
            }
            // the writer must not die with replies queued behind it: the client would hang
            LOG.error("qtest: closing the connection after its output failed", e);
            broken = true;
            closeQuietly();
        }
    }

    /** Closing a socket's output stream closes the socket, so the reading side ends too. */
    private void closeQuietly() {
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("qtest: closing the failed output: {}", e.toString());
        }
    }
}
