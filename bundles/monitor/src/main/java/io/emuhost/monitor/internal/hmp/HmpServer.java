package io.emuhost.monitor.internal.hmp;

import io.emuhost.api.frontend.ProtocolSession;
import io.emuhost.monitor.internal.MonitorHub;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A human monitor on one chardev ({@code -monitor}, {@code -mon mode=readline}): every client is
 * served on its caller's thread, side by side, each with its own line editor. Closing the session
 * closes the clients' inputs, which ends their sessions.
 */
public final class HmpServer implements ProtocolSession {

    private static final Logger LOG = LoggerFactory.getLogger(HmpServer.class);

    private final MonitorHub hub;
    private final boolean echo;
    private final String name;
    private final Set<InputStream> clients = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Creates the monitor.
     *
     * @param hub runs the commands
     * @param echo whether clients get QEMU's readline echo and line editing (sockets, terminals)
     * @param name the chardev id, for diagnostics
     */
    public HmpServer(MonitorHub hub, boolean echo, String name) {
        this.hub = hub;
        this.echo = echo;
        this.name = name;
    }

    @Override
    public void serve(InputStream in, OutputStream out) {
        clients.add(in);
        try {
            if (!closed) {
                hub.serveHmp(in, new PrintStream(out, false, StandardCharsets.UTF_8), echo);
            }
        } catch (IOException e) {
            LOG.debug("{}: a client's connection failed", name, e);
        } finally {
            clients.remove(in);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (InputStream in : clients) {
            try {
                in.close();
            } catch (IOException e) {
                // already broken
            }
        }
    }
}
