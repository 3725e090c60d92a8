package io.emuhost.qtest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines at {@code \n} (nothing else is stripped, as in QEMU), one
 * byte per character, with a bound: a longer line is skipped up to its newline and reported
 * once. Bytes after the last newline at end of input are no request (QEMU waits for the newline).
 */
final class LineReader {

    /** What {@link #next} found. */
    sealed interface Line {
        /** A complete line without its newline. */
        record Text(String text) implements Line {
        }

        /** A line longer than the limit, discarded. */
        record TooLong(int limit) implements Line {
        }

        /** End of input. */
        record End() implements Line {
        }
    }

    private static final int INITIAL_CAPACITY = 256;
    private static final int KEEP_CAPACITY = 1 << 16;

    private final InputStream in;
    private final int limit;
    private final byte[] chunk = new byte[8192];
    private int chunkStart;
    private int chunkEnd;
    private byte[] line = new byte[INITIAL_CAPACITY];
    private int length;

    LineReader(InputStream in, int limit) {
        this.in = in;
        this.limit = limit;
    }

    /**
     * Reads the next line.
     *
     * @return the line, an over-long line's marker, or the end
     * @throws IOException if reading fails
     */
    Line next() throws IOException {
        boolean overflow = false;
        length = 0;
        if (line.length > KEEP_CAPACITY) {
            line = new byte[INITIAL_CAPACITY];
        }
        while (true) {
            if (chunkStart == chunkEnd) {
                int n = in.read(chunk);
                if (n < 0) {
                    return new Line.End();
                }
                chunkStart = 0;
                chunkEnd = n;
            }
            int newline = indexOfNewline();
            int end = newline < 0 ? chunkEnd : newline;
            if (!overflow) {
                overflow = !append(end - chunkStart);
            }
            chunkStart = newline < 0 ? chunkEnd : newline + 1;
            if (newline >= 0) {
                return overflow ? new Line.TooLong(limit) : new Line.Text(new String(line, 0, length,
                        StandardCharsets.ISO_8859_1));
            }
        }
    }

    private int indexOfNewline() {
        for (int i = chunkStart; i < chunkEnd; i++) {
            if (chunk[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private boolean append(int count) {
        if (length + count > limit) {
            return false;
        }
        if (length + count > line.length) {
            line = Arrays.copyOf(line, Math.min(limit, Math.max(line.length * 2, length + count)));
        }
        System.arraycopy(chunk, chunkStart, line, length, count);
        length += count;
        return true;
    }
}
