package io.emuhost.remote.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code socket=PATH}: listens on a UNIX stream socket and serves each accepted connection in
 * turn (one at a time; a second client waits in the backlog), or only the first one with
 * {@code auto-shutdown=on} ({@link AutoShutdown}). The accept loop polls the listening socket and a
 * wake eventfd, so {@link #stop()} ends it at once. {@link #release()} closes the socket and
 * unlinks the path.
 */
final class ListeningSocket implements RemoteServer {

    private static final Logger LOG = LoggerFactory.getLogger(ListeningSocket.class);
    private static final int POLLFD_SIZE = 8;

    private final String name;
    private final String path;
    private final int listenFd;
    private final int wakeFd;
    private final ConnectionFactory connections;
    private final AutoShutdown.Member lifecycle;
    private final Memory pollfds = new Memory(2 * POLLFD_SIZE);
    private volatile boolean stopping;
    private boolean finished;
    private volatile MpqemuConnection current;

    private ListeningSocket(String name, String path, int listenFd, int wakeFd, ConnectionFactory connections,
            AutoShutdown.Member lifecycle) {
        this.name = name;
        this.path = path;
        this.listenFd = listenFd;
        this.wakeFd = wakeFd;
        this.connections = connections;
        this.lifecycle = lifecycle;
    }

    /**
     * Binds and listens, replacing a stale socket at the path as QEMU does (a regular file there is
     * left alone and bind fails).
     *
     * @param name the remote object's id
     * @param path the socket path
     * @param connections makes a connection per accepted socket
     * @param lifecycle the object's part in the host's auto-shutdown
     * @return the listening server
     * @throws RemoteObjectException if the socket cannot be created, bound or listened on
     */
    static ListeningSocket open(String name, String path, ConnectionFactory connections, AutoShutdown.Member lifecycle)
            throws RemoteObjectException {
        byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= LibC.SUN_PATH_MAX) {
            throw new RemoteObjectException.SocketPathTooLong(path);
        }
        removeStaleSocket(path);
        int fd;
        try {
            fd = LibC.socket(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new RemoteObjectException.SocketFailed("Failed to create socket", e.getErrorCode());
        }
        try (Memory address = new Memory(LibC.SOCKADDR_UN_SIZE)) {
            address.clear();
            address.setShort(0, (short) LibC.AF_UNIX);
            address.write(2, bytes, 0, bytes.length);
            try {
                LibC.bind(fd, Pointer.nativeValue(address), LibC.SOCKADDR_UN_SIZE);
            } catch (LastErrorException e) {
                LibC.closeQuietly(fd);
                throw new RemoteObjectException.SocketFailed("Failed to bind socket to " + path, e.getErrorCode());
            }
            try {
                LibC.listen(fd, 1);
                return new ListeningSocket(name, path, fd, LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK),
                        connections, lifecycle);
            } catch (LastErrorException e) {
                LibC.closeQuietly(fd);
                unlinkQuietly(path);
                throw new RemoteObjectException.SocketFailed("Failed to listen on socket", e.getErrorCode());
            }
        }
    }

    private static void removeStaleSocket(String path) {
        try {
            Object mode = Files.getAttribute(Path.of(path), "unix:mode", java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (mode instanceof Integer m && (m & LibC.S_IFMT) == LibC.S_IFSOCK) {
                unlinkQuietly(path);
            }
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            // nothing there (or not inspectable): bind reports what is wrong
        }
    }

    @Override
    public void run() {
        LOG.info("{}: listening on {}", name, path);
        while (!stopping && !finished) {
            int fd = accept();
            if (fd < 0) {
                continue;
            }
            serve(fd);
        }
    }

    /** One connection; whatever it dies of (short of a VM-fatal error) ends it alone. */
    private void serve(int fd) {
        MpqemuConnection connection;
        try {
            connection = connections.connect(fd);
        } catch (RuntimeException | Error e) {
            if (FatalErrors.isFatal(e)) {
                throw e;
            }
            LOG.error("{}: dropping a connection that could not be set up", name, e);
            LibC.closeQuietly(fd);
            return;
        }
        current = connection;
        if (stopping) {
            connection.stop();
        }
        lifecycle.connectionOpened();
        try {
            connection.serve();
        } finally {
            finished = lifecycle.connectionEnded(connection.stopped());
        }
        if (!stopping) {
            current = null;
        }
    }

    /** Waits for a client or a stop; returns the accepted socket or -1. */
    private int accept() {
        pollfds.setInt(0, listenFd);
        pollfds.setShort(4, LibC.POLLIN);
        pollfds.setShort(6, (short) 0);
        pollfds.setInt(POLLFD_SIZE, wakeFd);
        pollfds.setShort(POLLFD_SIZE + 4, LibC.POLLIN);
        pollfds.setShort(POLLFD_SIZE + 6, (short) 0);
        try {
            LibC.poll(Pointer.nativeValue(pollfds), 2, -1);
            if (stopping || (pollfds.getShort(6) & LibC.POLLIN) == 0) {
                return -1;
            }
            return LibC.accept4(listenFd, 0, 0, LibC.SOCK_CLOEXEC);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != LibC.EINTR && e.getErrorCode() != LibC.EAGAIN) {
                LOG.warn("{}: accept on {} failed: {}", name, path, LibC.strerror(e.getErrorCode()));
                sleepAfterFailure();
            }
            return -1;
        }
    }

    /** A persistent accept failure (e.g. EMFILE) must not spin a CPU. */
    private static void sleepAfterFailure() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stop() {
        stopping = true;
        try (Memory one = new Memory(8)) {
            one.setLong(0, 1);
            LibC.write(wakeFd, Pointer.nativeValue(one), 8);
        } catch (LastErrorException e) {
            // saturated: the loop is awake anyway
        }
        MpqemuConnection connection = current;
        if (connection != null) {
            connection.stop();
        }
    }

    @Override
    public void release() {
        MpqemuConnection connection = current;
        if (connection != null) {
            connection.release();
        }
        LibC.closeQuietly(listenFd);
        LibC.closeQuietly(wakeFd);
        unlinkQuietly(path);
    }

    private static void unlinkQuietly(String path) {
        try {
            LibC.unlink(path);
        } catch (LastErrorException e) {
            // already gone
        }
    }
}
