package io.emuhost.testkit.socket;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * A Unix socket whose every client is served on a thread of its own by a stream handler, as a
 * host's chardev serves a protocol session: for testing protocol sessions
 * ({@link io.emuhost.api.frontend.ProtocolSession#serve}) over a real socket, with the kernel's
 * buffers, without the command line bundle. Closing either stream of a client disconnects it;
 * reads and writes may run on different threads at once.
 */
public final class StreamServer implements AutoCloseable {

    private final Path path;
    private final ServerSocketChannel listener;
    private final BiConsumer<InputStream, OutputStream> handler;
    private final Set<SocketChannel> clients = ConcurrentHashMap.newKeySet();
    private final Thread acceptor;

    private StreamServer(Path path, ServerSocketChannel listener, BiConsumer<InputStream, OutputStream> handler) {
        this.path = path;
        this.listener = listener;
        this.handler = handler;
        this.acceptor = new Thread(this::accept, "stream-server-" + path.getFileName());
        acceptor.setDaemon(true);
    }

    /**
     * Binds a socket and starts serving.
     *
     * @param path the socket file to create
     * @param handler serves one client; the client is disconnected when it returns
     * @return the server
     * @throws IOException if the socket cannot be bound
     */
    public static StreamServer start(Path path, BiConsumer<InputStream, OutputStream> handler) throws IOException {
        ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(path));
        StreamServer server = new StreamServer(path, listener, handler);
        server.acceptor.start();
        return server;
    }

    /**
     * The socket file.
     *
     * @return the path clients connect to
     */
    public Path path() {
        return path;
    }

    private void accept() {
        while (listener.isOpen()) {
            SocketChannel client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return;
            }
            clients.add(client);
            Thread serving = new Thread(() -> {
                try {
                    handler.accept(new Input(client), new Output(client));
                } finally {
                    disconnect(client);
                }
            }, "stream-client");
            serving.setDaemon(true);
            serving.start();
        }
    }

    private void disconnect(SocketChannel client) {
        clients.remove(client);
        try {
            client.close();
        } catch (IOException e) {
            // already broken
        }
    }

    /** Stops accepting, disconnects every client and removes the socket file. */
    @Override
    public void close() throws IOException {
        listener.close();
        clients.forEach(this::disconnect);
        Files.deleteIfExists(path);
    }

    private final class Input extends InputStream {

        private final SocketChannel channel;

        Input(SocketChannel channel) {
            this.channel = channel;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            return length == 0 ? 0 : channel.read(ByteBuffer.wrap(bytes, offset, length));
        }

        @Override
        public void close() {
            disconnect(channel);
        }
    }

    private final class Output extends OutputStream {

        private final SocketChannel channel;

        Output(SocketChannel channel) {
            this.channel = channel;
        }

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

        @Override
        public void close() {
            disconnect(channel);
        }
    }
}
