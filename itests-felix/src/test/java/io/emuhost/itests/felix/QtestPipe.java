package io.emuhost.itests.felix;

import io.emuhost.api.frontend.ProtocolSession;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One client connection (qtest, or a monitor's lines) to a {@link ProtocolSession}, in process: the session serves it on
 * a thread of its own; requests go in through a queue that behaves like a socket (a blocked read
 * ends when the server closes its input), replies come back line by line.
 */
final class QtestPipe implements AutoCloseable {

    private static final int END = -1;

    private final BlockingQueue<Integer> requests = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final Thread serving;

    private QtestPipe(ProtocolSession session) {
        serving = new Thread(() -> session.serve(new Input(), new Output()), "itest-qtest-client");
        serving.start();
    }

    /**
     * Connects to a session.
     *
     * @param session the session
     * @return the connection, being served
     */
    static QtestPipe connect(ProtocolSession session) {
        return new QtestPipe(session);
    }

    /**
     * Sends a request and waits for its reply.
     *
     * @param request the request line, without its newline
     * @return the reply line, or null if none came within 10 s
     */
    String ask(String request) throws InterruptedException {
        for (byte b : (request + "\n").getBytes(StandardCharsets.ISO_8859_1)) {
            requests.add(b & 0xff);
        }
        return replies.poll(10, TimeUnit.SECONDS);
    }

    /**
     * Waits for the next line the session sends unasked (a QMP greeting or event).
     *
     * @return the line without its line end, or null if none came within 10 s
     */
    String line() throws InterruptedException {
        return replies.poll(10, TimeUnit.SECONDS);
    }

    /**
     * Waits until the session stopped serving this connection.
     *
     * @param seconds the longest wait
     * @return whether it did
     */
    boolean awaitEnded(long seconds) throws InterruptedException {
        serving.join(TimeUnit.SECONDS.toMillis(seconds));
        return !serving.isAlive();
    }

    /** Ends the input, as a client that disconnects. */
    @Override
    public void close() {
        requests.add(END);
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws java.io.InterruptedIOException {
            try {
                int b = requests.take();
                if (b == END) {
                    requests.add(END);
                }
                return b;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }

        /** Blocks for the first byte only, as a socket does. */
        @Override
        public int read(byte[] b, int off, int len) throws java.io.InterruptedIOException {
            if (len == 0) {
                return 0;
            }
            int first = read();
            if (first == END) {
                return END;
            }
            b[off] = (byte) first;
            int n = 1;
            Integer next;
            while (n < len && (next = requests.peek()) != null && next != END) {
                b[off + n++] = (byte) (int) requests.poll();
            }
            return n;
        }

        @Override
        public void close() {
            requests.add(END);
        }
    }

    private final class Output extends OutputStream {
        private final StringBuilder line = new StringBuilder();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                int end = line.length() > 0 && line.charAt(line.length() - 1) == '\r' ? line.length() - 1 : line.length();
                replies.add(line.substring(0, end));
                line.setLength(0);
            } else {
                line.append((char) (b & 0xff));
            }
        }
    }
}
