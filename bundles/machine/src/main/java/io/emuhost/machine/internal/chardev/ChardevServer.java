package io.emuhost.machine.internal.chardev;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.SocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A chardev that is open and serves its clients, each on its own thread. Opening comes before
 * the machine is built (a {@code wait=on} server blocks start-up there until its first client
 * connects, as QEMU's chardev creation does); {@link #start} hands the clients to the monitor.
 * Closing stops accepting, disconnects every client and unlinks a Unix socket file.
 */
public final class ChardevServer implements AutoCloseable {

    /** How many clients are served at once. */
    public enum Clients {
        /** Every client independently (QMP and HMP monitors; QEMU serves one at a time). */
        CONCURRENT,
        /** One after the other (qtest, as QEMU): the next client waits until the previous leaves. */
        ONE_AT_A_TIME
    }

    private static final Logger LOG = LoggerFactory.getLogger(ChardevServer.class);

    private final Chardev chardev;
    private final Clients clients;
    private final SocketListener listener;
    private final ChardevConnection initial;
    private final Set<ChardevConnection> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger clientCount = new AtomicInteger();
    private volatile boolean closed;

    private ChardevServer(Chardev chardev, Clients clients, SocketListener listener, ChardevConnection initial) {
        this.chardev = chardev;
        this.clients = clients;
        this.listener = listener;
        this.initial = initial;
    }

    /**
     * Opens a chardev: binds a server socket (and, with {@code wait=on}, waits for its first
     * client, printing QEMU's {@code info: QEMU waiting for connection on: ...} line), connects
     * a client socket, or takes standard input and output.
     *
     * @param chardev the chardev
     * @param clients how clients are served
     * @param stdin standard input, for a {@code stdio} chardev
     * @param stdout standard output, for a {@code stdio} chardev
     * @param diagnostics where the waiting line goes (standard error)
     * @return the open chardev, not serving yet
     * @throws ChardevException with QEMU's wording if the socket cannot be bound or connected
     */
    public static ChardevServer open(Chardev chardev, Clients clients, InputStream stdin, OutputStream stdout,
            PrintStream diagnostics) throws ChardevException {
        if (chardev.backend() instanceof ChardevBackend.Socket socket) {
            if (!socket.server()) {
                return new ChardevServer(chardev, clients, null, SocketListener.connect(chardev, socket));
            }
            SocketListener listener = SocketListener.bind(chardev, socket);
            ChardevConnection first = null;
            if (socket.waitForClient()) {
                diagnostics.println("emuhost: " + chardev.location() + ": info: QEMU waiting for connection on: "
                        + "disconnected:" + socket.endpoint().describe() + ",server=on");
                try {
                    first = listener.accept();
                } catch (IOException e) {
                    listener.close();
                    throw new ChardevException(chardev.location(), "Failed to accept a connection: " + e.getMessage(), e);
                }
            }
            return new ChardevServer(chardev, clients, listener, first);
        }
        return new ChardevServer(chardev, clients, null, new StdioConnection(stdin, stdout));
    }

    /**
     * The address a server socket is bound to (the system's choice for TCP port 0).
     *
     * @return the address, or empty for stdio and client sockets
     */
    public Optional<SocketAddress> localAddress() {
        return listener == null ? Optional.empty() : Optional.of(listener.localAddress());
    }

    /**
     * Whether this is the {@code stdio} chardev, which the caller serves on its own thread with
     * {@link #serveHere}.
     *
     * @return true for stdio
     */
    public boolean isStdio() {
        return chardev.backend() instanceof ChardevBackend.Stdio;
    }

    /**
     * Starts serving on threads of its own: the client that connected while start-up waited,
     * then every client that connects (a client socket: its one connection).
     *
     * @param handler serves each client
     */
    public void start(ConnectionHandler handler) {
        if (listener == null) {
            thread("client", () -> serve(initial, handler)).start();
            return;
        }
        thread("accept", () -> acceptLoop(handler)).start();
    }

    /**
     * Serves the one connection of a {@code stdio} or client-socket chardev on the calling thread
     * until it ends.
     *
     * @param handler serves the connection
     */
    public void serveHere(ConnectionHandler handler) {
        serve(initial, handler);
    }

    private void acceptLoop(ConnectionHandler handler) {
        ChardevConnection next = initial;
        while (!closed) {
            if (next == null) {
                try {
                    next = listener.accept();
                } catch (IOException e) {
                    if (!closed) {
                        LOG.warn("{}: accepting a client failed: {}", chardev.id(), e.toString());
                    }
                    return;
                }
            }
            ChardevConnection client = next;
            next = null;
            if (clients == Clients.ONE_AT_A_TIME) {
                serve(client, handler);
            } else {
                thread("client-" + clientCount.incrementAndGet(), () -> serve(client, handler)).start();
            }
        }
    }

    private void serve(ChardevConnection client, ConnectionHandler handler) {
        live.add(client);
        try {
            if (!closed) {
                handler.serve(client);
            }
        } catch (IOException e) {
            LOG.debug("{}: client ended: {}", chardev.id(), e.toString());
        } finally {
            live.remove(client);
            client.close();
        }
    }

    private Thread thread(String role, Runnable body) {
        Thread thread = new Thread(body, "emuhost-" + chardev.id() + "-" + role);
        thread.setDaemon(true);
        return thread;
    }

    /** Stops accepting, disconnects the clients and unlinks the socket file. */
    @Override
    public void close() {
        closed = true;
        if (listener != null) {
            listener.close();
        }
        if (initial != null) {
            initial.close();
        }
        live.forEach(ChardevConnection::close);
    }
}
