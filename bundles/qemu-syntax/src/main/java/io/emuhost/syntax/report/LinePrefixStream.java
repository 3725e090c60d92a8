package io.emuhost.syntax.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Starts every line written through it with a prefix, e.g. {@code emuhost: } before the
 * machine's {@code warning: ...} lines, the way QEMU starts its diagnostics with the program name.
 */
public final class LinePrefixStream extends OutputStream {

    private final OutputStream target;
    private final byte[] prefix;
    private boolean atLineStart = true;

    /**
     * Creates the stream.
     *
     * @param target where the prefixed lines go
     * @param prefix the prefix
     */
    public LinePrefixStream(OutputStream target, String prefix) {
        this.target = target;
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) throws IOException {
        if (atLineStart) {
            target.write(prefix);
        }
        target.write(b);
        atLineStart = b == '\n';
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(bytes[i]);
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        target.flush();
    }
}
