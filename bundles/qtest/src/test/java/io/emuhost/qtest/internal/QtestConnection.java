package io.emuhost.qtest.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client of {@link QtestServer#serve} over in-process pipes, served on its own thread. */
final class QtestConnection implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 10;

    private final PipedOutputStream requests = new PipedOutputStream();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread serving;
    private volatile Throwable failure;

    QtestConnection(QtestServer server) throws IOException {
        PipedInputStream in = new PipedInputStream(requests, 1 << 16);
        serving = new Thread(() -> {
            try {
                server.serve(in, new LineSink(lines));
            } catch (RuntimeException e) {
                failure = e;
            }
        }, "qtest-test-connection");
        serving.start();
    }

    /** Sends raw bytes, newline included or not. */
    void sendRaw(String text) throws IOException {
        requests.write(text.getBytes(StandardCharsets.ISO_8859_1));
        requests.flush();
    }

    /**
     * Sends one request and returns the lines up to and including the reply: asynchronous IRQ
     * lines that came first, then the reply.
     */
    List<String> exchange(String request) throws IOException, InterruptedException {
        sendRaw(request + "\n");
        List<String> received = new ArrayList<>();
        String line;
        do {
            line = nextLine();
            received.add(line);
        } while (line.startsWith("IRQ "));
        return received;
    }

    /** Sends one request and returns its reply, failing on any IRQ line before it. */
    String ask(String request) throws IOException, InterruptedException {
        List<String> received = exchange(request);
        if (received.size() != 1) {
            fail("unexpected lines before the reply to '" + request + "': " + received);
        }
        return received.get(0);
    }

    /** The next line the server sends. */
    String nextLine() throws InterruptedException {
        String line = lines.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(line, "no line from the qtest server; failure: " + failure);
        return line;
    }

    /** A line that has already arrived, or null. */
    String pendingLine() {
        return lines.poll();
    }

    /** Ends the input and waits for the server to finish the connection. */
    @Override
    public void close() throws IOException, InterruptedException {
        requests.close();
        serving.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        if (serving.isAlive()) {
            fail("the qtest server did not end the connection at end of input");
        }
    }

    /** Splits the server's output into lines. */
    private static final class LineSink extends OutputStream {
        private final BlockingQueue<String> lines;
        private final StringBuilder current = new StringBuilder();

        LineSink(BlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(current.toString());
                current.setLength(0);
            } else {
                current.append((char) (b & 0xff));
            }
        }
    }
}
