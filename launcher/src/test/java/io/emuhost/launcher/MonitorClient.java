package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of an emuhost monitor socket (QMP, HMP, qtest): connects once the socket is there,
 * sends text, reads {@code \r\n}-terminated lines or raw text, each read bounded by a deadline.
 */
final class MonitorClient implements AutoCloseable {

    static final String GREETING = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 0, \"major\": 1}, "
            + "\"package\": \"emuhost 1.0.0\"}, \"capabilities\": [\"oob\"]}}";

    private static final long TIMEOUT_SECONDS = 60;
    private static final long POLL_TIMEOUT_SECONDS = 15;

    private final SocketChannel channel;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    private MonitorClient(SocketChannel channel) {
        this.channel = channel;
    }

    /** Connects to a Unix socket, waiting until emuhost has created it. */
    static MonitorClient unix(Path path) throws IOException, InterruptedException {
        return connect(UnixDomainSocketAddress.of(path), () -> Files.exists(path));
    }

    /** Connects to a TCP port on the loopback address, waiting until emuhost listens. */
    static MonitorClient tcp(int port) throws IOException, InterruptedException {
        return connect(new InetSocketAddress("127.0.0.1", port), () -> true);
    }

    /** Connects to a QMP socket and checks the greeting. */
    static MonitorClient qmp(Path path) throws IOException, InterruptedException {
        MonitorClient client = unix(path);
        assertEquals(GREETING, client.line());
        return client;
    }

    /** Connects to a QMP socket and negotiates capabilities. */
    static MonitorClient negotiated(Path path) throws IOException, InterruptedException {
        MonitorClient client = qmp(path);
        assertEquals("{\"return\": {}}", client.ask("{\"execute\": \"qmp_capabilities\"}"));
        return client;
    }

    private interface Ready {
        boolean now();
    }

    private static MonitorClient connect(SocketAddress address, Ready ready) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            if (ready.now()) {
                SocketChannel channel = address instanceof UnixDomainSocketAddress
                        ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
                try {
                    channel.connect(address);
                    return new MonitorClient(channel);
                } catch (IOException e) {
                    channel.close();
                    if (System.nanoTime() - deadline > 0) {
                        throw e;
                    }
                }
            } else if (System.nanoTime() - deadline > 0) {
                throw new IOException("no socket at " + address);
            }
            Thread.sleep(20);
        }
    }

    /** Sends text as UTF-8. */
    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends bytes. */
    void send(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    /** Sends one request line and reads one reply line. */
    String ask(String request) throws IOException {
        send(request + "\n");
        return line();
    }

    /** Sends a QMP command without arguments and returns its reply, skipping events in between. */
    String query(String command) throws IOException {
        send("{\"execute\": \"" + command + "\"}\n");
        for (String reply = line(); reply != null; reply = line()) {
            if (!reply.startsWith("{\"timestamp\"")) {
                return reply;
            }
        }
        throw new IOException("QMP connection closed before the reply to " + command);
    }

    /** Asks a QMP query every 100 ms until the reply matches, for at most 15 s; returns that reply. */
    String poll(String command, Predicate<String> done) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(POLL_TIMEOUT_SECONDS);
        while (true) {
            String reply = query(command);
            if (done.test(reply)) {
                return reply;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("no change in time; " + command + " still says " + reply);
            }
            Thread.sleep(100);
        }
    }

    /** The next line without its {@code \r\n}; null once the connection is closed. */
    String line() throws IOException {
        String text = until("\r\n");
        return text == null ? null : text.substring(0, text.length() - 2);
    }

    /**
     * Everything up to and including the next occurrence of a marker.
     *
     * @return the text, or null if the connection closes first
     */
    String until(String marker) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            String buffered = pending.toString(StandardCharsets.UTF_8);
            int at = buffered.indexOf(marker);
            if (at >= 0) {
                pending.reset();
                pending.writeBytes(buffered.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
                return buffered.substring(0, at + marker.length());
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IOException("no '" + marker + "' in time; got: " + buffered);
            }
            ByteBuffer chunk = ByteBuffer.allocate(8192);
            channel.configureBlocking(false);
            int count = channel.read(chunk);
            channel.configureBlocking(true);
            if (count < 0) {
                return null;
            }
            if (count == 0) {
                sleep();
            } else {
                pending.write(chunk.array(), 0, count);
            }
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
