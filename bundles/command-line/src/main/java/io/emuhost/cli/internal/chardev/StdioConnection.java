package io.emuhost.cli.internal.chardev;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Standard input and output as a chardev client. The streams belong to the process: closing them
 * (or the connection) does not close the process's streams; a closed input reads as ended, a
 * closed output is only flushed.
 */
final class StdioConnection implements ChardevConnection {

    private final InputStream input;
    private final OutputStream output;

    StdioConnection(InputStream input, OutputStream output) {
        this.input = new KeptInput(input);
        this.output = new KeptOutput(output);
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    @Override
    public void close() {
        // the streams belong to the process
    }

    /** Reads as ended once closed; the process's stream stays open. */
    private static final class KeptInput extends FilterInputStream {

        private volatile boolean closed;

        KeptInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            return closed ? -1 : super.read();
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return closed ? -1 : super.read(bytes, offset, length);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Flushed, not closed, when closed. */
    private static final class KeptOutput extends FilterOutputStream {

        KeptOutput(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
