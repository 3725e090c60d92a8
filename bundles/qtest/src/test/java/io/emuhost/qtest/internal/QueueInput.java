package io.emuhost.qtest.internal;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A client's input as a socket's behaves: {@link #read} blocks until bytes arrive, and closing it
 * (as a server closing its end) ends a blocked read with end of input.
 */
final class QueueInput extends InputStream {

    private static final int END = -1;

    private final BlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();

    /** The client sends text. */
    void send(String text) {
        for (byte b : text.getBytes(StandardCharsets.ISO_8859_1)) {
            bytes.add(b & 0xff);
        }
    }

    @Override
    public int read() throws InterruptedIOException {
        try {
            int b = bytes.take();
            if (b == END) {
                bytes.add(END);
            }
            return b;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
    }

    /** Blocks for the first byte only, then returns what has arrived, as a socket's read does. */
    @Override
    public int read(byte[] b, int off, int len) throws InterruptedIOException {
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
        while (n < len && (next = bytes.peek()) != null && next != END) {
            b[off + n++] = (byte) (int) bytes.poll();
        }
        return n;
    }

    @Override
    public void close() {
        bytes.add(END);
    }
}
