package io.emuhost.machine.internal.runtime;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.api.machine.Machine;
import io.emuhost.machine.internal.ConnectionProtocols;
import io.emuhost.machine.internal.chardev.ChardevException;
import io.emuhost.machine.internal.chardev.ChardevServer;
import io.emuhost.machine.internal.chardev.ConnectionHandler;
import io.emuhost.machine.internal.cli.CommandLine;
import io.emuhost.machine.internal.cli.MonitorProtocol;
import io.emuhost.machine.internal.cli.MonitorSpec;
import io.emuhost.machine.internal.cli.QtestSpec;
import io.emuhost.machine.internal.monitor.EventBus;
import io.emuhost.machine.internal.monitor.MonitorHub;
import io.emuhost.machine.internal.qmp.QmpLimits;
import io.emuhost.machine.internal.qmp.QmpServer;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The monitors and the qtest protocol (the qtest bundle's service) of a command line on their chardevs. {@link #open} binds the
 * sockets before the machine is built (and waits for a client where {@code wait=on}, as QEMU
 * does); {@link #start} serves them once the machine and the command table exist. Closing
 * disconnects every client and unlinks the Unix socket files.
 */
final class Frontends implements AutoCloseable {

    private final List<Opened<MonitorSpec>> monitors;
    private final Optional<Opened<QtestSpec>> qtest;
    private final List<QmpServer> qmpServers = new CopyOnWriteArrayList<>();
    private volatile ProtocolChardev qtestServer;
    private ChardevServer stdio;
    private ConnectionHandler stdioHandler;
    private volatile Optional<StdioTerminal> terminal = Optional.empty();

    private record Opened<S>(S spec, ChardevServer server) {
    }

    private Frontends(List<Opened<MonitorSpec>> monitors, Optional<Opened<QtestSpec>> qtest) {
        this.monitors = monitors;
        this.qtest = qtest;
    }

    /**
     * Opens every chardev of the command line, in order.
     *
     * @param commandLine the command line
     * @param context the standard streams
     * @return the opened chardevs
     * @throws ChardevException the first that cannot be opened; the others are closed again
     */
    static Frontends open(CommandLine commandLine, SessionContext context) throws ChardevException {
        List<ChardevServer> opened = new ArrayList<>();
        try {
            List<Opened<MonitorSpec>> monitors = new ArrayList<>();
            for (MonitorSpec monitor : commandLine.monitors()) {
                ChardevServer server = ChardevServer.open(monitor.chardev(), ChardevServer.Clients.CONCURRENT,
                        context.in(), context.out(), context.err());
                opened.add(server);
                monitors.add(new Opened<>(monitor, server));
            }
            Optional<Opened<QtestSpec>> qtest = Optional.empty();
            if (commandLine.qtest().isPresent()) {
                QtestSpec spec = commandLine.qtest().get();
                ChardevServer server = ChardevServer.open(spec.chardev(), ChardevServer.Clients.ONE_AT_A_TIME,
                        context.in(), context.out(), context.err());
                opened.add(server);
                qtest = Optional.of(new Opened<>(spec, server));
            }
            return new Frontends(monitors, qtest);
        } catch (ChardevException e) {
            opened.forEach(ChardevServer::close);
            throw e;
        }
    }

    /**
     * Serves the sockets, each client on a thread of its own; a {@code stdio} chardev is served by
     * {@link #serveStdio}.
     *
     * @param machine the machine qtest drives
     * @param hub the command table
     * @param events the events QMP clients get
     * @param version the emuhost version, for the QMP greeting
     * @param stdinIsTerminal whether standard input is a terminal: a human monitor there gets it
     *     in QEMU's raw mode and echoes as QEMU does
     * @param protocols where the qtest protocol is found
     * @throws ConfigurationException if {@code -qtest} was given and no qtest protocol is there
     */
    void start(Machine machine, MonitorHub hub, EventBus events, String version, boolean stdinIsTerminal,
            ConnectionProtocols protocols) throws ConfigurationException {
        for (Opened<MonitorSpec> monitor : monitors) {
            MonitorSpec spec = monitor.spec();
            ConnectionHandler handler;
            if (spec.protocol() == MonitorProtocol.QMP) {
                QmpServer qmp = new QmpServer(hub, events, version, spec.pretty(), QmpLimits.DEFAULT,
                        spec.chardev().id());
                qmpServers.add(qmp);
                handler = qmp;
            } else {
                boolean echo = !monitor.server().isStdio();
                if (!echo && stdinIsTerminal) {
                    terminal = StdioTerminal.rawMode();
                    echo = terminal.isPresent();
                }
                boolean terminalMode = echo;
                handler = client -> hub.serveHmp(client.input(),
                        new PrintStream(client.output(), false, StandardCharsets.UTF_8), terminalMode);
            }
            serve(monitor.server(), handler);
        }
        if (qtest.isPresent()) {
            Opened<QtestSpec> opened = qtest.get();
            ProtocolChardev server = new ProtocolChardev(protocols, ConnectionProtocol.QTEST, machine,
                    opened.spec().log().map(log -> Map.of(ConnectionProtocol.QTEST_LOG, log)).orElse(Map.of()));
            qtestServer = server;
            serve(opened.server(), server);
        }
    }

    private void serve(ChardevServer server, ConnectionHandler handler) {
        if (server.isStdio()) {
            stdio = server;
            stdioHandler = handler;
        } else {
            server.start(handler);
        }
    }

    /** Serves the monitor or qtest on standard input and output, if any, until its input ends. */
    void serveStdio() {
        if (stdio != null) {
            stdio.serveHere(stdioHandler);
        }
    }

    /**
     * Lets every QMP client get its last replies and events, then disconnects them.
     *
     * @param millis the longest wait
     * @throws InterruptedException if interrupted
     */
    void drainQmp(long millis) throws InterruptedException {
        for (QmpServer server : qmpServers) {
            server.shutdown(millis);
        }
    }

    @Override
    public void close() {
        qmpServers.forEach(QmpServer::close);
        monitors.forEach(opened -> opened.server().close());
        qtest.ifPresent(opened -> opened.server().close());
        ProtocolChardev server = qtestServer;
        if (server != null) {
            server.close();
        }
        terminal.ifPresent(StdioTerminal::close);
        terminal = Optional.empty();
    }
}
