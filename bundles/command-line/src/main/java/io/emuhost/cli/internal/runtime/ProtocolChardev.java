package io.emuhost.cli.internal.runtime;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.api.frontend.ProtocolSession;
import io.emuhost.api.machine.Machine;
import io.emuhost.cli.internal.chardev.ChardevConnection;
import io.emuhost.cli.internal.chardev.ConnectionHandler;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a chardev's clients with a {@link ConnectionProtocol} found by name (the monitor
 * bundle's QMP or HMP, the qtest bundle's qtest). One session serves client after client (or, for
 * the monitors, clients side by side), as QEMU's qtest state outlives its connections; when the
 * protocol's bundle is updated, the old session ends (the protocol closes it) and the next client
 * is served by a session of the protocol registered then. Without a protocol a client is
 * disconnected with a warning.
 */
final class ProtocolChardev implements ConnectionHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProtocolChardev.class);

    private final ConnectionProtocols protocols;
    private final String name;
    private final Machine machine;
    private final Map<String, String> options;
    /** Guarded by this. */
    private ConnectionProtocol protocol;
    /** Guarded by this. */
    private ProtocolSession session;
    /** Guarded by this. */
    private boolean closed;

    /**
     * Opens a session of the protocol now (so that, as in QEMU, its log exists before a client).
     *
     * @param protocols where the protocol is looked up, now and for each client
     * @param name the protocol's name
     * @param machine the machine the sessions drive
     * @param options the protocol's options
     * @throws ConfigurationException if the protocol refuses the options, or none is registered
     */
    ProtocolChardev(ConnectionProtocols protocols, String name, Machine machine, Map<String, String> options)
            throws ConfigurationException {
        this.protocols = protocols;
        this.name = name;
        this.machine = machine;
        this.options = Map.copyOf(options);
        if (current().isEmpty()) {
            throw new ConfigurationException(missing(name));
        }
    }

    /**
     * What the command line says when no bundle provides a protocol.
     *
     * @param name the protocol
     * @return the message
     */
    static String missing(String name) {
        return "no " + name + " protocol bundle is installed";
    }

    @Override
    public void serve(ChardevConnection connection) {
        Optional<ProtocolSession> serving;
        try {
            serving = current();
        } catch (ConfigurationException e) {
            LOG.warn("{}: disconnecting a client: {}", name, e.getMessage());
            return;
        }
        if (serving.isEmpty()) {
            LOG.warn("{}: disconnecting a client: {}", name, missing(name));
            return;
        }
        serving.get().serve(connection.input(), connection.output());
    }

    /** The session of the protocol registered now, opened anew when the protocol changed. */
    private synchronized Optional<ProtocolSession> current() throws ConfigurationException {
        if (closed) {
            return Optional.empty();
        }
        Optional<ConnectionProtocol> now = protocols.protocol(name);
        if (now.isPresent() && now.get() == protocol) {
            return Optional.of(session);
        }
        closeSession();
        if (now.isEmpty()) {
            return Optional.empty();
        }
        session = now.get().open(machine, options);
        protocol = now.get();
        return Optional.of(session);
    }

    private void closeSession() {
        if (session != null) {
            session.close();
        }
        session = null;
        protocol = null;
    }

    /** {@inheritDoc} The protocol's words: QMP refuses with an error object. */
    @Override
    public byte[] refusal(String reason) {
        ProtocolSession serving;
        synchronized (this) {
            serving = session;
        }
        return serving == null ? ConnectionHandler.super.refusal(reason) : serving.refusal(reason);
    }

    /**
     * Ends the session gently (its clients get what is queued for them), then as {@link #close()}.
     *
     * @param grace the longest wait
     * @throws InterruptedException if interrupted
     */
    void shutdown(Duration grace) throws InterruptedException {
        ProtocolSession serving;
        synchronized (this) {
            closed = true;
            serving = session;
            session = null;
            protocol = null;
        }
        if (serving != null) {
            serving.shutdown(grace);
        }
    }

    /** Ends the session; later clients are disconnected. */
    @Override
    public synchronized void close() {
        closed = true;
        closeSession();
    }
}
