package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A qtest client that speaks only QEMU's qtest text protocol over a unix socket, as libqtest
 * does: one request line, asynchronous {@code IRQ raise|lower N} lines recorded as they come,
 * then the reply.
 */
final class QtestClient implements AutoCloseable {

    private static final long TIMEOUT_SECONDS = 30;
    private static final String EOF = "\u0000EOF";

    private final SocketChannel channel;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> irqLines = new ArrayList<>();
    private final int[] irqLevel = new int[256];

    /**
     * Reads with {@link SocketChannel#read} on its own thread: the channel's own read and write
     * locks let a request go out while the reader waits, which Channels.newInputStream and
     * newOutputStream on one channel do not (they share the channel's blocking lock).
     */
    private QtestClient(SocketChannel channel) {
        this.channel = channel;
        Thread reader = new Thread(this::readLines, "qtest-client-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void readLines() {
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
        StringBuilder line = new StringBuilder();
        try {
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    char c = (char) (buffer.get() & 0xff);
                    if (c == '\n') {
                        lines.add(line.toString());
                        line.setLength(0);
                    } else {
                        line.append(c);
                    }
                }
                buffer.clear();
            }
        } catch (IOException e) {
            lines.add(EOF + ": " + e);
        }
        lines.add(EOF);
    }

    /**
     * Connects once the server has created its socket.
     *
     * @param socket the socket path
     * @param diagnostics what to show if the server never listens (its output so far)
     * @return the client
     */
    static QtestClient connect(Path socket, Supplier<String> diagnostics) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            if (Files.exists(socket)) {
                try {
                    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                    channel.connect(UnixDomainSocketAddress.of(socket));
                    return new QtestClient(channel);
                } catch (IOException e) {
                    if (System.nanoTime() - deadline > 0) {
                        throw e;
                    }
                }
            }
            if (System.nanoTime() - deadline > 0) {
                fail("no qtest socket at " + socket + "\n" + diagnostics.get());
            }
            Thread.sleep(20);
        }
    }

    /**
     * Sends a request and returns its reply line.
     *
     * @param request the request without newline
     * @return the reply
     */
    String command(String request) throws IOException, InterruptedException {
        ByteBuffer bytes = ByteBuffer.wrap((request + "\n").getBytes(StandardCharsets.ISO_8859_1));
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
        while (true) {
            String line = lines.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (line == null || line.startsWith(EOF)) {
                fail("no reply to '" + request + "': " + (line == null ? "timeout" : "connection closed"));
            }
            if (line.startsWith("IRQ ")) {
                recordIrq(line);
            } else {
                return line;
            }
        }
    }

    /** Sends a request and expects {@code OK}. */
    void ok(String request) throws IOException, InterruptedException {
        assertEquals("OK", command(request), request);
    }

    /** Sends a request and returns the value of its {@code OK 0x...} reply. */
    long value(String request) throws IOException, InterruptedException {
        String reply = command(request);
        assertTrue(reply.startsWith("OK 0x"), request + " -> " + reply);
        return Long.parseUnsignedLong(reply.substring("OK 0x".length()), 16);
    }

    void outl(int port, long value) throws IOException, InterruptedException {
        ok("outl 0x" + Integer.toHexString(port) + " 0x" + Long.toHexString(value));
    }

    void outb(int port, int value) throws IOException, InterruptedException {
        ok("outb 0x" + Integer.toHexString(port) + " 0x" + Integer.toHexString(value));
    }

    long inl(int port) throws IOException, InterruptedException {
        return value("inl 0x" + Integer.toHexString(port));
    }

    long readb(long address) throws IOException, InterruptedException {
        return value("readb 0x" + Long.toHexString(address));
    }

    long readw(long address) throws IOException, InterruptedException {
        return value("readw 0x" + Long.toHexString(address));
    }

    long readl(long address) throws IOException, InterruptedException {
        return value("readl 0x" + Long.toHexString(address));
    }

    void writeb(long address, long value) throws IOException, InterruptedException {
        ok("writeb 0x" + Long.toHexString(address) + " 0x" + Long.toHexString(value));
    }

    void writew(long address, long value) throws IOException, InterruptedException {
        ok("writew 0x" + Long.toHexString(address) + " 0x" + Long.toHexString(value));
    }

    void writel(long address, long value) throws IOException, InterruptedException {
        ok("writel 0x" + Long.toHexString(address) + " 0x" + Long.toHexString(value));
    }

    /** {@code write ADDR SIZE 0xHEX}. */
    void write(long address, byte[] data) throws IOException, InterruptedException {
        ok("write 0x" + Long.toHexString(address) + " " + data.length + " 0x" + HexFormat.of().formatHex(data));
    }

    /** {@code read ADDR SIZE}. */
    byte[] read(long address, int size) throws IOException, InterruptedException {
        String reply = command("read 0x" + Long.toHexString(address) + " " + size);
        assertTrue(reply.startsWith("OK 0x"), reply);
        return HexFormat.of().parseHex(reply.substring("OK 0x".length()));
    }

    /** libqtest's qtest_get_irq: a dummy request brings in pending IRQ lines. */
    boolean irqLevel(int n) throws IOException, InterruptedException {
        value("inb 0x0");
        return irqLevel[n] != 0;
    }

    /** @return the IRQ lines received so far, in order */
    List<String> irqLines() {
        return List.copyOf(irqLines);
    }

    private void recordIrq(String line) {
        irqLines.add(line);
        String[] words = line.split(" ");
        irqLevel[Integer.parseInt(words[2])] = words[1].equals("raise") ? 1 : 0;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
