package io.emuhost.remote.internal;

/**
 * {@code fd=N}: one connection over a socket the process inherited, already connected to QEMU's
 * {@code x-pci-proxy-dev,fd=M} (reference §1 Transport). When it ends, nothing more is served:
 * QEMU cannot reconnect an inherited socket.
 */
final class InheritedSocket implements RemoteServer {

    private final MpqemuConnection connection;

    /**
     * Takes the socket.
     *
     * @param fd the connected socket, owned from now on
     * @param connections makes the connection
     */
    InheritedSocket(int fd, ConnectionFactory connections) {
        this.connection = connections.connect(fd);
    }

    @Override
    public void run() {
        connection.serve();
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
