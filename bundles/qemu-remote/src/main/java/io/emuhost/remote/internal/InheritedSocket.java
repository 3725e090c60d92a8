package io.emuhost.remote.internal;

/**
 * {@code fd=N}: one connection over a socket the process inherited, already connected to QEMU's
 * {@code x-pci-proxy-dev,fd=M} (reference §1 Transport). When it ends, nothing more is served:
 * QEMU cannot reconnect an inherited socket.
 */
final class InheritedSocket implements RemoteServer {

    private final MpqemuConnection connection;
    private final AutoShutdown.Member lifecycle;

    /**
     * Takes the socket.
     *
     * @param fd the connected socket, owned from now on
     * @param connections makes the connection
     * @param lifecycle the object's part in the host's auto-shutdown
     */
    InheritedSocket(int fd, ConnectionFactory connections, AutoShutdown.Member lifecycle) {
        this.connection = connections.connect(fd);
        this.lifecycle = lifecycle;
    }

    @Override
    public void run() {
        lifecycle.connectionOpened();
        try {
            connection.serve();
        } finally {
            lifecycle.connectionEnded(connection.stopped());
        }
    }

    @Override
    public void stop() {
        connection.stop();
    }

    @Override
    public void release() {
        connection.release(); // serve() closed the socket
    }
}
