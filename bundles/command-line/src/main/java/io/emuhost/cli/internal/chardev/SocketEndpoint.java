package io.emuhost.cli.internal.chardev;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/** Where a socket chardev listens or connects. */
public sealed interface SocketEndpoint {

    /**
     * The Java address.
     *
     * @return a {@link UnixDomainSocketAddress} or an {@link InetSocketAddress}
     */
    java.net.SocketAddress address();

    /**
     * The address as QEMU prints it in errors: the path, or {@code host:port}.
     *
     * @return the address
     */
    String target();

    /**
     * QEMU's name of the chardev address, e.g. {@code unix:q.sock} or {@code tcp:127.0.0.1:4444}.
     *
     * @return the name
     */
    String describe();

    /**
     * A Unix domain socket ({@code path=}).
     *
     * @param path the socket file, as written (relative to the working directory)
     */
    record Unix(Path path) implements SocketEndpoint {
        @Override
        public java.net.SocketAddress address() {
            return UnixDomainSocketAddress.of(path);
        }

        @Override
        public String target() {
            return path.toString();
        }

        @Override
        public String describe() {
            return "unix:" + path;
        }
    }

    /**
     * A TCP socket ({@code host=}, {@code port=}).
     *
     * @param host the host name or address; empty for every local address
     * @param port the port; 0 lets the system choose when listening
     */
    record Tcp(String host, int port) implements SocketEndpoint {
        @Override
        public java.net.SocketAddress address() {
            return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        }

        @Override
        public String target() {
            return host + ":" + port;
        }

        @Override
        public String describe() {
            return "tcp:" + target();
        }
    }
}
