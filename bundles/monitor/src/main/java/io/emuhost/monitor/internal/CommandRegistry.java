package io.emuhost.monitor.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ConfigurationException.ErrorClass;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.api.monitor.MonitorCommand;
import io.emuhost.monitor.internal.hmp.HmpCommandTable;
import io.emuhost.monitor.internal.hmp.HmpDispatcher;
import io.emuhost.monitor.internal.hmp.HmpTerminal;
import io.emuhost.monitor.internal.command.HostCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one command table of every monitor: the host's own commands, then the
 * {@link MonitorCommand}s other bundles contribute (read afresh for every lookup, so a command
 * appears and disappears with its bundle). Where two commands share a name, the earlier wins.
 *
 * <p>Wiring (runtime): {@code new CommandRegistry(new MonitorContext(machine, factories, eventBus,
 * System.err, status, version, name), new MonitorCommandTracker(bundleContext), onQuit)}, or in
 * plain Java a fixed collection as the second argument ({@code List::of} for none). Thread-safe:
 * any number of HMP and QMP sessions may use one registry at once.
 */
public final class CommandRegistry implements MonitorHub {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRegistry.class);

    private final MonitorContext context;
    private final Supplier<? extends Collection<? extends MonitorCommand>> contributed;
    private final List<MonitorCommand> host;
    private final HmpDispatcher dispatcher;

    /**
     * Creates the registry.
     *
     * @param context what the host's commands work with
     * @param contributed the commands other bundles contribute now (e.g. a
     *     {@link MonitorCommandTracker})
     * @param onQuit called when a monitor runs {@code quit}, after {@code SHUTDOWN} was emitted and
     *     before the reply is written, on the monitor's thread: the runtime must let the reply go
     *     out (hand the exit to another thread) and then stop the process
     */
    public CommandRegistry(MonitorContext context, Supplier<? extends Collection<? extends MonitorCommand>> contributed,
            Runnable onQuit) {
        this.context = context;
        this.contributed = contributed;
        this.dispatcher = new HmpDispatcher(this::hmpTable, context.diagnostics());
        this.host = HostCommands.create(context, this::hmpTable, this::qmpCommandNames, this::runHmpLine, onQuit);
    }

    /**
     * Every command now, host commands first.
     *
     * @return the commands
     */
    public List<MonitorCommand> commands() {
        List<MonitorCommand> all = new ArrayList<>(host);
        all.addAll(contributed.get());
        return all;
    }

    /**
     * The HMP table now.
     *
     * @return the top-level table, {@code info} subcommands under {@code info}
     */
    public HmpCommandTable hmpTable() {
        return HmpCommandTable.of(commands());
    }

    @Override
    public boolean serveHmp(InputStream in, PrintStream out, boolean echo) throws IOException {
        return new HmpTerminal(dispatcher, "emuhost " + context.version()
                + " monitor - type 'help' for more information").serve(in, out, echo);
    }

    /** {@inheritDoc} With QEMU's {@code \r\n} line ends, as {@code human-monitor-command} returns them. */
    @Override
    public String runHmpLine(String commandLine) {
        return dispatcher.run(commandLine).text().replace("\n", "\r\n");
    }

    @Override
    public Object executeQmp(String name, Map<String, Object> arguments) throws ConfigurationException {
        MonitorCommand command = qmpCommand(name).orElseThrow(() -> new ConfigurationException(
                ErrorClass.COMMAND_NOT_FOUND, "The command " + name + " has not been found"));
        ParsedArguments checked = QmpArgumentChecker.check(command.spec(), arguments == null ? Map.of() : arguments);
        try {
            return command.execute(checked);
        } catch (RuntimeException e) {
            LOG.warn("QMP command {} failed", name, e);
            throw new ConfigurationException(e.toString(), e);
        }
    }

    private Optional<MonitorCommand> qmpCommand(String name) {
        return commands().stream().filter(c -> c.spec().qmpName().filter(name::equals).isPresent()).findFirst();
    }

    @Override
    public List<String> qmpCommandNames() {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        commands().stream().map(MonitorCommand::spec).map(CommandSpec::qmpName)
                .forEach(qmpName -> qmpName.ifPresent(names::add));
        return List.copyOf(names);
    }
}
