package io.emuhost.cli.internal.chardev;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A bound server socket of a chardev; closing it unlinks a Unix socket file, as QEMU does at exit.
 *
 * <p>A Unix socket file is mode 0600 whatever the umask (QEMU leaves it to the umask): a monitor
 * is root-equivalent, so only its owner may connect. Java binds and listens in one call, so the
 * mode cannot be set between them; instead the socket is bound inside a fresh directory of mode
 * 0700 beside the target, where no one else can reach it, made 0600 there, and renamed into
 * place (rename(2) is atomic and keeps the mode); the directory is then removed. Every client
 * that can ever connect therefore sees mode 0600.
 */
final class SocketListener implements AutoCloseable {

    /**
     * The listen backlog: connections the kernel completes before they are accepted. QEMU's
     * chardev listens with a backlog of 1 ({@code chardev/char-socket.c}); more lets a burst of
     * clients connect while the accept thread refuses or hands out earlier ones.
     */
    static final int BACKLOG = 128;

    /** The mode of a Unix socket file. */
    static final Set<PosixFilePermission> SOCKET_MODE = PosixFilePermissions.fromString("rw-------");

    private static final Set<PosixFilePermission> PRIVATE_DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

    /** Where the socket is bound inside the private directory: short, as sun_path holds 108 bytes. */
    private static final String BIND_NAME = "s";

    private final ServerSocketChannel channel;
    private final ChardevBackend.Socket socket;
    private final SocketAddress local;

    private SocketListener(ServerSocketChannel channel, ChardevBackend.Socket socket, SocketAddress local) {
        this.channel = channel;
        this.socket = socket;
        this.local = local;
    }

    /**
     * Binds the server socket. A file already at a Unix path is unlinked first, as QEMU does; the
     * new socket file is mode 0600.
     *
     * @throws ChardevException {@code Failed to bind socket to <path>: <reason>} or, for TCP,
     *     {@code Failed to find an available port: <reason>}
     */
    static SocketListener bind(Chardev chardev, ChardevBackend.Socket socket) throws ChardevException {
        SocketAddress address = resolve(chardev, socket.endpoint());
        ServerSocketChannel channel = null;
        try {
            if (socket.endpoint() instanceof SocketEndpoint.Unix unix) {
                channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                bindPrivately(channel, unix.path());
                return new SocketListener(channel, socket, UnixDomainSocketAddress.of(unix.path()));
            }
            channel = ServerSocketChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, BACKLOG);
            return new SocketListener(channel, socket, channel.getLocalAddress());
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

    /**
     * Binds {@code channel} to {@code target} with mode 0600: bound in a private directory, made
     * 0600, renamed to the target (which replaces whatever appeared there since the unlink).
     */
    private static void bindPrivately(ServerSocketChannel channel, Path target) throws IOException {
        Files.deleteIfExists(target);
        Path parent = target.getParent() == null ? Path.of("") : target.getParent();
        Path directory = Files.createTempDirectory(parent, ".emuhost-",
                PosixFilePermissions.asFileAttribute(PRIVATE_DIRECTORY_MODE));
        Path bound = directory.resolve(BIND_NAME);
        try {
            // mkdir applied the umask, which only removes bits: the directory was never wider than 0700
            Files.setPosixFilePermissions(directory, PRIVATE_DIRECTORY_MODE);
            channel.bind(UnixDomainSocketAddress.of(bound), BACKLOG);
            Files.setPosixFilePermissions(bound, SOCKET_MODE);
            Files.move(bound, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            deleteQuietly(bound);
            deleteQuietly(directory);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // left behind only if someone else put something into our private directory
        }
    }

    /** Waits for the next client. */
    ChardevConnection accept() throws IOException {
        SocketChannel client = channel.accept();
        try {
            configure(client, socket);
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            throw e;
        }
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
        if (e instanceof FileSystemException file) {
            return fileReason(file);
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int decoration = message.indexOf(" (");
        return decoration > 0 ? message.substring(0, decoration) : message;
    }

    /** java.nio.file names the errno by the exception's type for these, by the reason for the others. */
    private static String fileReason(FileSystemException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        return e.getReason() == null ? e.getClass().getSimpleName() : e.getReason();
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
