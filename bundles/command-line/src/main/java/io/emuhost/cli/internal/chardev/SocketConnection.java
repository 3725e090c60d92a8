package io.emuhost.cli.internal.chardev;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A connected socket as streams. Reads and writes go straight to the channel, so a thread
 * blocked in a read never holds up a writer (the streams of {@code Channels} serialise both on
 * the channel's blocking lock).
 */
final class SocketConnection implements ChardevConnection {

    private final SocketChannel channel;
    private final InputStream input = new Input();
    private final OutputStream output = new Output();

    SocketConnection(SocketChannel channel) {
        this.channel = channel;
    }

    @Override
    public InputStream input() {
        return input;
    }

    @Override
    public OutputStream output() {
        return output;
    }

    /**
     * Sends a short message without ever blocking (it fits the empty send buffer of a new
     * connection; what does not is dropped), then ends the output so the client reads it.
     *
     * @param message the refusal
     */
    void refuse(byte[] message) {
        try {
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap(message));
            channel.shutdownOutput();
        } catch (IOException e) {
            // the client is gone already
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a socket fails only if it is already broken
        }
    }

    private final class Input extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return length == 0 ? 0 : channel.read(ByteBuffer.wrap(bytes, offset, length));
        }

        /** Ends the connection, as a protocol session does to disconnect its client. */
        @Override
        public void close() {
            SocketConnection.this.close();
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        /** Ends the connection, as a protocol session does to disconnect its client. */
        @Override
        public void close() {
            SocketConnection.this.close();
        }
    }
}
