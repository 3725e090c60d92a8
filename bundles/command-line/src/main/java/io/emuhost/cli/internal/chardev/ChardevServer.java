package io.emuhost.cli.internal.chardev;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;
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
 *
 * <p>No client can stop the server: whatever serving one client throws ends that client's
 * connection only (logged once), and the accept loop outlives failed accepts (e.g. out of file
 * descriptors) and threads that cannot be started.
 */
public final class ChardevServer implements AutoCloseable {

    /**
     * How many clients of a {@link Clients#CONCURRENT} chardev are served at once. Each costs a
     * descriptor and the handler's threads (two for QMP), so idle clients cannot exhaust either;
     * one more is sent {@link ConnectionHandler#refusal} and disconnected at once.
     */
    public static final int MAX_CONCURRENT_CLIENTS = 16;

    /** How long the accept loop pauses after an accept failed, e.g. out of file descriptors. */
    private static final long ACCEPT_RETRY_MILLIS = 100;

    /** How many clients are served at once. */
    public enum Clients {
        /**
         * Every client independently, up to {@link #MAX_CONCURRENT_CLIENTS} (QMP and HMP
         * monitors; QEMU serves one at a time and leaves the others waiting unanswered).
         */
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
    private final AtomicInteger served = new AtomicInteger();
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
            warnIfReachableFromNetwork(chardev, listener.localAddress(), diagnostics);
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
     * A monitor is root-equivalent: say so once when it listens on more than loopback. QEMU
     * listens on every interface for an empty host ({@code tcp::4444}) too, and so do we.
     */
    private static void warnIfReachableFromNetwork(Chardev chardev, SocketAddress local, PrintStream diagnostics) {
        if (!(local instanceof InetSocketAddress inet) || inet.getAddress().isLoopbackAddress()) {
            return;
        }
        String where = inet.getAddress().isAnyLocalAddress()
                ? "on every network interface"
                : "on " + inet.getAddress().getHostAddress() + ", which is reachable from the network";
        diagnostics.println("emuhost: " + chardev.location() + ": warning: the socket listens " + where
                + ": anyone who can reach port " + inet.getPort() + " controls emuhost;"
                + " bind it to 127.0.0.1 or use a unix socket to keep it local");
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
        boolean failing = false;
        while (!closed) {
            if (next == null) {
                try {
                    next = listener.accept();
                    failing = false;
                } catch (ClosedChannelException e) {
                    return;
                } catch (IOException | RuntimeException e) {
                    if (closed) {
                        return;
                    }
                    if (!failing) {
                        LOG.warn("{}: accepting a client failed, retrying: {}", chardev.id(), e.toString());
                        failing = true;
                    }
                    pauseAfterFailedAccept();
                    continue;
                }
            }
            ChardevConnection client = next;
            next = null;
            if (clients == Clients.ONE_AT_A_TIME) {
                serve(client, handler);
            } else {
                hand(client, handler);
            }
        }
    }

    /** Serves a client on a thread of its own, or refuses it if the limit is reached. */
    private void hand(ChardevConnection client, ConnectionHandler handler) {
        if (served.incrementAndGet() > MAX_CONCURRENT_CLIENTS) {
            served.decrementAndGet();
            LOG.warn("{}: refused a client: {} clients are being served", chardev.id(), MAX_CONCURRENT_CLIENTS);
            refuse(client, handler);
            return;
        }
        try {
            thread("client-" + clientCount.incrementAndGet(), () -> {
                try {
                    serve(client, handler);
                } finally {
                    served.decrementAndGet();
                }
            }).start();
        } catch (RuntimeException | Error e) {
            // e.g. OutOfMemoryError: unable to create native thread
            served.decrementAndGet();
            LOG.error("{}: cannot start a thread for a client; disconnecting it", chardev.id(), e);
            client.close();
        }
    }

    private void refuse(ChardevConnection client, ConnectionHandler handler) {
        try {
            byte[] message = handler.refusal("too many clients of chardev '" + chardev.id() + "' (at most "
                    + MAX_CONCURRENT_CLIENTS + " at once); try again later");
            if (client instanceof SocketConnection socket) {
                socket.refuse(message);
            }
        } catch (RuntimeException e) {
            LOG.debug("{}: refusing a client failed: {}", chardev.id(), e.toString());
        } finally {
            client.close();
        }
    }

    private static void pauseAfterFailedAccept() {
        try {
            Thread.sleep(ACCEPT_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Serves one client until it ends; whatever the handler throws ends this client only. */
    private void serve(ChardevConnection client, ConnectionHandler handler) {
        live.add(client);
        try {
            if (!closed) {
                handler.serve(client);
            }
        } catch (IOException e) {
            LOG.debug("{}: client ended: {}", chardev.id(), e.toString());
        } catch (RuntimeException | Error e) {
            LOG.error("{}: serving a client failed; its connection is closed", chardev.id(), e);
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
