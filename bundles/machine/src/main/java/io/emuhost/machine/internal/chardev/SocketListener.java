package io.emuhost.machine.internal.chardev;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;

/** A bound server socket of a chardev; closing it unlinks a Unix socket file, as QEMU does at exit. */
final class SocketListener implements AutoCloseable {

    private final ServerSocketChannel channel;
    private final ChardevBackend.Socket socket;
    private final SocketAddress local;

    private SocketListener(ServerSocketChannel channel, ChardevBackend.Socket socket) throws IOException {
        this.channel = channel;
        this.socket = socket;
        this.local = channel.getLocalAddress();
    }

    /**
     * Binds the server socket. A file already at a Unix path is unlinked first, as QEMU does.
     *
     * @throws ChardevException {@code Failed to bind socket to <path>: <reason>} or, for TCP,
     *     {@code Failed to find an available port: <reason>}
     */
    static SocketListener bind(Chardev chardev, ChardevBackend.Socket socket) throws ChardevException {
        SocketAddress address = resolve(chardev, socket.endpoint());
        ServerSocketChannel channel = null;
        try {
            if (socket.endpoint() instanceof SocketEndpoint.Unix unix) {
                Files.deleteIfExists(unix.path());
                channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            } else {
                channel = ServerSocketChannel.open();
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            }
            channel.bind(address);
            return new SocketListener(channel, socket);
        } catch (IOException e) {
            closeQuietly(channel);
            String message = socket.endpoint() instanceof SocketEndpoint.Unix unix
                    ? "Failed to bind socket to " + unix.path() + ": " + reason(e)
                    : "Failed to find an available port: " + reason(e);
            throw new ChardevException(chardev.location(), message, e);
        }
    }

    /**
     * Connects a client socket ({@code server=off}).
     *
     * @throws ChardevException {@code Failed to connect to '<address>': <reason>}
     */
    static ChardevConnection connect(Chardev chardev, ChardevBackend.Socket socket) throws ChardevException {
        SocketAddress address = resolve(chardev, socket.endpoint());
        SocketChannel channel = null;
        try {
            boolean unix = socket.endpoint() instanceof SocketEndpoint.Unix;
            channel = unix ? SocketChannel.open(StandardProtocolFamily.UNIX) : SocketChannel.open();
            channel.connect(address);
            configure(channel, socket);
            return new SocketConnection(channel);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new ChardevException(chardev.location(),
                    "Failed to connect to '" + socket.endpoint().target() + "': " + reason(e), e);
        }
    }

    private static SocketAddress resolve(Chardev chardev, SocketEndpoint endpoint) throws ChardevException {
        SocketAddress address = endpoint.address();
        if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
            throw new ChardevException(chardev.location(),
                    "address resolution failed for " + endpoint.target() + ": Name or service not known", null);
        }
        return address;
    }

    /** Waits for the next client. */
    ChardevConnection accept() throws IOException {
        SocketChannel client = channel.accept();
        configure(client, socket);
        return new SocketConnection(client);
    }

    SocketAddress localAddress() {
        return local;
    }

    private static void configure(SocketChannel client, ChardevBackend.Socket socket) throws IOException {
        if (socket.noDelay() && socket.endpoint() instanceof SocketEndpoint.Tcp) {
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
        }
    }

    /** The system's reason without Java's decorations, as QEMU prints strerror. */
    private static String reason(IOException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int decoration = message.indexOf(" (");
        return decoration > 0 ? message.substring(0, decoration) : message;
    }

    private static void closeQuietly(java.nio.channels.Channel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was bound
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(channel);
        if (socket.endpoint() instanceof SocketEndpoint.Unix unix) {
            try {
                Files.deleteIfExists(unix.path());
            } catch (IOException e) {
                // the file is gone or not ours to remove
            }
        }
    }
}
