package io.emuhost.monitor.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.api.frontend.ProtocolSession;
import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.MonitorCommand;
import io.emuhost.monitor.internal.command.BundleControl;
import io.emuhost.monitor.internal.command.QuitCommand;
import io.emuhost.monitor.internal.hmp.HmpServer;
import io.emuhost.monitor.internal.hmp.VmStatus;
import io.emuhost.monitor.internal.qmp.QmpLimits;
import io.emuhost.monitor.internal.qmp.QmpServer;
import java.io.PrintStream;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * QMP or HMP as a {@link ConnectionProtocol}: each session is one monitor chardev with its own
 * command registry over the machine it was opened for. The sessions it opened are closed when
 * it is withdrawn ({@link #closeAll()}); sessions are per chardev and per protocol revision, so
 * the few its owners closed before are kept until then.
 */
final class MonitorProtocol implements ConnectionProtocol {

    /** Which monitor. */
    enum Kind {
        /** {@code -qmp}: options {@link #CHARDEV}, {@link #PRETTY}, {@link #NAME}, {@link #PRELAUNCH}. */
        QMP(Set.of(CHARDEV, PRETTY, NAME, PRELAUNCH)),
        /** {@code -monitor}: options {@link #CHARDEV}, {@link #ECHO}, {@link #NAME}, {@link #PRELAUNCH}. */
        HMP(Set.of(CHARDEV, ECHO, NAME, PRELAUNCH));

        private final Set<String> options;

        Kind(Set<String> options) {
            this.options = options;
        }
    }

    private final Kind kind;
    private final FactoryCatalogue factories;
    private final EventBus events;
    private final Supplier<? extends Collection<? extends MonitorCommand>> commands;
    private final PrintStream diagnostics;
    private final Function<Machine, String> version;
    private final BundleControl bundles;
    private final Set<ProtocolSession> open = ConcurrentHashMap.newKeySet();

    /**
     * Creates the protocol.
     *
     * @param kind QMP or HMP
     * @param factories the factories, for {@code help} and {@code qom-list-types}
     * @param events the events QMP clients get
     * @param commands the commands other bundles contribute now
     * @param diagnostics where HMP parse warnings go (standard error with the program prefix)
     * @param version the emuhost version a machine reports ({@code info version}, the QMP greeting)
     * @param bundles the framework's bundles, for the bundle commands
     */
    MonitorProtocol(Kind kind, FactoryCatalogue factories, EventBus events,
            Supplier<? extends Collection<? extends MonitorCommand>> commands, PrintStream diagnostics,
            Function<Machine, String> version, BundleControl bundles) {
        this.kind = kind;
        this.factories = factories;
        this.events = events;
        this.commands = commands;
        this.diagnostics = diagnostics;
        this.version = version;
        this.bundles = bundles;
    }

    @Override
    public ProtocolSession open(Machine machine, Map<String, String> options) throws ConfigurationException {
        for (String option : options.keySet()) {
            if (!kind.options.contains(option)) {
                throw new ConfigurationException("Invalid parameter '" + option + "'");
            }
        }
        String chardev = options.getOrDefault(CHARDEV, "monitor");
        String emuhostVersion = version.apply(machine);
        VmStatus status = on(options, PRELAUNCH) ? VmStatus.PRELAUNCH : VmStatus.RUNNING;
        CommandRegistry hub = new CommandRegistry(new MonitorContext(machine, factories, events, diagnostics, status,
                emuhostVersion, Optional.ofNullable(options.get(NAME)), bundles), commands,
                () -> machine.requestShutdown(QuitCommand.REASON));
        ProtocolSession session = switch (kind) {
            case QMP -> new QmpServer(hub, events, emuhostVersion, on(options, PRETTY), QmpLimits.DEFAULT, chardev);
            case HMP -> new HmpServer(hub, on(options, ECHO), chardev);
        };
        open.add(session);
        return session;
    }

    private static boolean on(Map<String, String> options, String option) {
        return "on".equals(options.get(option));
    }

    /** Closes every session still open: the protocol is being withdrawn. */
    void closeAll() {
        open.forEach(ProtocolSession::close);
        open.clear();
    }
}
