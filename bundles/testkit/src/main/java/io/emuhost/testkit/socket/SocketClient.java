package io.emuhost.testkit.socket;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/** A test client of a chardev socket: sends text, reads CR LF terminated lines with a deadline. */
public final class SocketClient implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final SocketChannel channel;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private SocketClient(SocketChannel channel) {
        this.channel = channel;
    }

    /**
     * Connects to a Unix socket.
     *
     * @param path the socket file
     * @return the client
     * @throws IOException if it cannot connect
     */
    public static SocketClient unix(Path path) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(path));
        return new SocketClient(channel);
    }

    /**
     * Connects to any address.
     *
     * @param address the address
     * @return the client
     * @throws IOException if it cannot connect
     */
    public static SocketClient connect(SocketAddress address) throws IOException {
        return new SocketClient(SocketChannel.open(address));
    }

    /**
     * Sends text.
     *
     * @param text the text, sent as UTF-8
     * @throws IOException if the socket fails
     */
    public void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Sends bytes.
     *
     * @param bytes the bytes
     * @throws IOException if the socket fails
     */
    public void send(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /**
     * Reads the next line.
     *
     * @return the line without its CR LF, or null at end of stream
     * @throws IOException if the socket fails or nothing arrives in time
     */
    public String line() throws IOException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (true) {
            String buffered = pending.toString(StandardCharsets.UTF_8);
            int end = buffered.indexOf("\r\n");
            if (end >= 0) {
                pending.reset();
                pending.writeBytes(buffered.substring(end + 2).getBytes(StandardCharsets.UTF_8));
                return buffered.substring(0, end);
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("no line in time; have: " + buffered);
            }
            ByteBuffer chunk = ByteBuffer.allocate(4096);
            channel.configureBlocking(false);
            int count = channel.read(chunk);
            channel.configureBlocking(true);
            if (count < 0) {
                return buffered.isEmpty() ? null : buffered;
            }
            if (count == 0) {
                sleep();
            }
            pending.write(chunk.array(), 0, count);
        }
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
