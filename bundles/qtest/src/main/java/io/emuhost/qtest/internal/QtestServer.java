package io.emuhost.qtest.internal;

import io.emuhost.api.bus.BusFaultException;
import io.emuhost.api.frontend.ProtocolSession;
import io.emuhost.api.machine.Machine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * QEMU's qtest protocol server ({@code -qtest}, reference §8): a line-based request/reply
 * protocol that drives the machine as a CPU would, through {@link Machine#bus()}, reports
 * intercepted interrupts asynchronously and owns the machine's {@link VirtualClock}.
 *
 * <p>Replies are QEMU 7.2's, byte for byte. Where QEMU asserts (and so kills the emulator) on a
 * malformed request, this server answers {@code ERR <reason>} and keeps serving; a request that
 * fails (an access to memory whose backing file shrank, a device that throws) is answered
 * {@code FAIL <reason>}, logged, and the connection goes on. A connection that breaks otherwise
 * ends alone, logged once; the next client is served. Only a VM-fatal error
 * ({@link FatalErrors}) leaves {@link #serve}. Connections are
 * served one at a time: a second {@link #serve} waits until the first connection ends, as QEMU's
 * chardev accepts the next client only after the first has gone. IRQ interception and the clock
 * outlive connections, as in QEMU; {@link #close} ends them and the running connection.
 */
public final class QtestServer implements ProtocolSession {

    /** The longest request line: a {@code write} of the largest transfer, in hex, fits. */
    static final int MAX_LINE = 2 * MemoryCommands.MAX_TRANSFER + 4096;

    private static final Logger LOG = LoggerFactory.getLogger(QtestServer.class);

    private final QtestLog log;
    private final VirtualClock clock = new VirtualClock();
    private final IrqInterceptor interceptor;
    private final QtestDispatcher dispatcher;
    private final Semaphore connection = new Semaphore(1);
    private final Consumer<QtestServer> onClose;
    /** The input of the connection being served, closed by {@link #close}. Guarded by this. */
    private InputStream current;
    /** Guarded by this. */
    private boolean closed;

    /**
     * Creates the server.
     *
     * @param machine the machine the client drives
     * @param logTarget {@code -qtest-log}: a file (created or truncated), {@code none}, or empty
     *     to log to standard error
     * @param onClose told once when the server is closed
     */
    QtestServer(Machine machine, Optional<String> logTarget, Consumer<QtestServer> onClose) {
        this(machine, logTarget, System.err, onClose);
    }

    /** A server no one needs to hear of closing (tests). */
    QtestServer(Machine machine, Optional<String> logTarget) {
        this(machine, logTarget, System.err, closed -> { });
    }

    QtestServer(Machine machine, Optional<String> logTarget, PrintStream stderr, Consumer<QtestServer> onClose) {
        this.log = QtestLog.open(logTarget, stderr);
        this.interceptor = new IrqInterceptor(machine.interrupts());
        this.dispatcher = new QtestDispatcher(machine, interceptor, clock);
        this.onClose = onClose;
    }

    /**
     * The virtual clock that {@code clock_step} and {@code clock_set} move; timers scheduled on
     * it run when a client moves it past their deadline.
     *
     * @return the clock
     */
    public VirtualClock clock() {
        return clock;
    }

    /**
     * Serves one connection until its input ends, it fails, or the server is closed. A failing
     * connection is logged and ends alone; an interrupt while another connection is being served
     * returns with the interrupt status set.
     *
     * @param in the client's requests
     * @param out where replies and IRQ lines go
     */
    @Override
    public void serve(InputStream in, OutputStream out) {
        try {
            connection.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.info("qtest: interrupted while waiting for the previous connection to end");
            return;
        }
        try {
            if (begin(in)) {
                serveConnection(in, out);
            }
        } catch (IOException e) {
            if (!isClosed()) {
                LOG.warn("qtest: the connection failed: {}", e.toString());
            }
        } catch (RuntimeException | Error e) {
            if (FatalErrors.isFatal(e)) {
                throw e;
            }
            LOG.error("qtest: closing the connection after an internal error", e);
        } finally {
            end();
            connection.release();
        }
    }

    private void serveConnection(InputStream in, OutputStream out) throws IOException {
        QtestOutput output = new QtestOutput(out, log);
        log.opened();
        interceptor.attach(output);
        try {
            LineReader reader = new LineReader(in, MAX_LINE);
            for (LineReader.Line line = reader.next(); !(line instanceof LineReader.Line.End);
                    line = reader.next()) {
                if (line instanceof LineReader.Line.Text text) {
                    handle(text.text(), output);
                } else {
                    output.send("ERR " + new MalformedRequestException.LineTooLong(MAX_LINE).getMessage() + "\n");
                }
            }
        } finally {
            interceptor.detach();
            output.close();
            log.closed();
        }
    }

    private synchronized boolean begin(InputStream in) {
        if (closed) {
            return false;
        }
        current = in;
        return true;
    }

    private synchronized void end() {
        current = null;
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    private void handle(String line, QtestOutput output) {
        output.request(line);
        try {
            dispatcher.execute(Request.parse(line), output);
        } catch (MalformedRequestException e) {
            output.send("ERR " + e.getMessage() + "\n");
        } catch (BusFaultException e) {
            // issue 9 item 3: QEMU dies of the SIGBUS; we answer this request and keep serving
            LOG.warn("qtest request '{}' failed: {}", line, e.getMessage());
            output.send("FAIL " + e.getMessage() + "\n");
        } catch (RuntimeException | Error e) {
            if (FatalErrors.isFatal(e)) {
                throw e;
            }
            LOG.warn("qtest request '{}' failed", line, e);
            output.send("FAIL " + e.toString().replace('\n', ' ') + "\n");
        }
    }

    /**
     * Ends the running connection (by closing its input), stops reporting interrupts and closes
     * a log file; later connections end at once.
     */
    @Override
    public void close() {
        InputStream running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = current;
        }
        if (running != null) {
            try {
                running.close();
            } catch (IOException e) {
                LOG.debug("qtest: closing the connection's input failed: {}", e.toString());
            }
        }
        interceptor.close();
        log.close();
        onClose.accept(this);
    }
}
