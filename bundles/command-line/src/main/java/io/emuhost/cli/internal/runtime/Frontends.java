package io.emuhost.cli.internal.runtime;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.api.machine.Machine;
import io.emuhost.cli.internal.chardev.ChardevException;
import io.emuhost.cli.internal.chardev.ChardevServer;
import io.emuhost.cli.internal.options.CommandLine;
import io.emuhost.cli.internal.options.MonitorProtocol;
import io.emuhost.cli.internal.options.MonitorSpec;
import io.emuhost.cli.internal.options.QtestSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The monitors and qtest of a command line on their chardevs, each served by the
 * {@link ConnectionProtocol} of its name (the monitor and qtest bundles'). {@link #open} binds the
 * sockets before the machine is built (and waits for a client where {@code wait=on}, as QEMU
 * does); {@link #start} serves them once the machine exists. Closing disconnects every client and
 * unlinks the Unix socket files.
 */
final class Frontends implements AutoCloseable {

    private final List<Opened<MonitorSpec>> monitors;
    private final Optional<Opened<QtestSpec>> qtest;
    private final List<ProtocolChardev> served = new CopyOnWriteArrayList<>();
    private ChardevServer stdio;
    private ProtocolChardev stdioHandler;
    private volatile Optional<StdioTerminal> terminal = Optional.empty();

    private record Opened<S>(S spec, ChardevServer server) {
    }

    private Frontends(List<Opened<MonitorSpec>> monitors, Optional<Opened<QtestSpec>> qtest) {
        this.monitors = monitors;
        this.qtest = qtest;
    }

    /**
     * The protocol serving a monitor.
     *
     * @param monitor the monitor
     * @return {@value ConnectionProtocol#QMP} or {@value ConnectionProtocol#HMP}
     */
    static String protocolOf(MonitorSpec monitor) {
        return monitor.protocol() == MonitorProtocol.QMP ? ConnectionProtocol.QMP : ConnectionProtocol.HMP;
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
     * @param machine the machine the protocols drive
     * @param commandLine the command line: {@code -name} and {@code -S} for the monitors
     * @param stdinIsTerminal whether standard input is a terminal: a human monitor there gets it
     *     in QEMU's raw mode and echoes as QEMU does
     * @param protocols where the protocols are found
     * @throws ConfigurationException if a protocol is missing or refuses its options
     */
    void start(Machine machine, CommandLine commandLine, boolean stdinIsTerminal, ConnectionProtocols protocols)
            throws ConfigurationException {
        for (Opened<MonitorSpec> monitor : monitors) {
            MonitorSpec spec = monitor.spec();
            Map<String, String> options = new HashMap<>();
            options.put(ConnectionProtocol.CHARDEV, spec.chardev().id());
            commandLine.name().ifPresent(name -> options.put(ConnectionProtocol.NAME, name));
            options.put(ConnectionProtocol.PRELAUNCH, onOff(commandLine.startPaused()));
            if (spec.protocol() == MonitorProtocol.QMP) {
                options.put(ConnectionProtocol.PRETTY, onOff(spec.pretty()));
            } else {
                boolean echo = !monitor.server().isStdio();
                if (!echo && stdinIsTerminal) {
                    terminal = StdioTerminal.rawMode();
                    echo = terminal.isPresent();
                }
                options.put(ConnectionProtocol.ECHO, onOff(echo));
            }
            serve(monitor.server(), new ProtocolChardev(protocols, protocolOf(spec), machine, options));
        }
        if (qtest.isPresent()) {
            Opened<QtestSpec> opened = qtest.get();
            serve(opened.server(), new ProtocolChardev(protocols, ConnectionProtocol.QTEST, machine,
                    opened.spec().log().map(log -> Map.of(ConnectionProtocol.QTEST_LOG, log)).orElse(Map.of())));
        }
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    private void serve(ChardevServer server, ProtocolChardev handler) {
        served.add(handler);
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
     * Lets every client get its last replies and events (a QMP client the {@code quit} return
     * after {@code SHUTDOWN}), then disconnects them.
     *
     * @param grace the longest wait
     * @throws InterruptedException if interrupted
     */
    void drain(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProtocolChardev chardev : served) {
            chardev.shutdown(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
    }

    @Override
    public void close() {
        served.forEach(ProtocolChardev::close);
        monitors.forEach(opened -> opened.server().close());
        qtest.ifPresent(opened -> opened.server().close());
        terminal.ifPresent(StdioTerminal::close);
        terminal = Optional.empty();
    }
}
