package io.emuhost.machine.internal.runtime;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Machine;
import io.emuhost.machine.internal.MachineConfig;
import io.emuhost.machine.internal.cli.CommandLine;
import io.emuhost.machine.internal.cli.CommandLineException;
import io.emuhost.machine.internal.cli.CommandLineParser;
import io.emuhost.machine.internal.cli.CommandLineRunner;
import io.emuhost.machine.internal.cli.ErrorReport;
import io.emuhost.machine.internal.cli.HelpPrinter;
import io.emuhost.machine.internal.cli.HelpRequest;
import io.emuhost.machine.internal.cli.Invocation;
import io.emuhost.machine.internal.cli.MonitorMode;
import io.emuhost.machine.internal.hmp.HmpCommands;
import io.emuhost.machine.internal.hmp.HmpMonitor;
import io.emuhost.machine.internal.hmp.HmpOutcome;
import io.emuhost.machine.internal.hmp.HmpSession;
import io.emuhost.machine.internal.hmp.VmStatus;
import java.io.IOException;
import java.util.List;

/**
 * One run of the emulator, as QEMU's main: read the command line, print help and exit, or build
 * the machine, create the {@code -object}s and {@code -device}s, and run the monitor. Ends the
 * process through the context's exit: 0 after help or {@code quit}, 1 after an error. Without a
 * command line it builds the default machine and runs no monitor.
 */
public final class EmulatorSession implements Runnable {

    /** The type of the machine's main RAM, which must be available before the machine is built. */
    static final String MAIN_RAM_TYPE = "memory-backend-ram";

    private final List<String> args;
    private final SessionContext context;
    private volatile Machine machine;

    /**
     * Creates a session.
     *
     * @param args the command-line arguments, or null to build the default machine
     * @param context what the session runs with
     */
    public EmulatorSession(List<String> args, SessionContext context) {
        this.args = args == null ? null : List.copyOf(args);
        this.context = context;
    }

    @Override
    public void run() {
        context.availability().awaitStartup();
        if (args == null) {
            runDefault();
            return;
        }
        try {
            Invocation invocation = new CommandLineParser(context.err()).parse(args);
            if (invocation instanceof HelpRequest help) {
                context.exit().accept(new HelpPrinter(context.factories(), context.version(), context.out(),
                        context.err()).print(help));
                return;
            }
            runMachine((CommandLine) invocation);
        } catch (CommandLineException e) {
            e.print(context.err());
            context.exit().accept(1);
        } catch (ConfigurationException e) {
            ErrorReport.error(context.err(), e.getMessage());
            context.exit().accept(1);
        } catch (IOException e) {
            ErrorReport.error(context.err(), "monitor input failed: " + e.getMessage());
            context.exit().accept(1);
        } catch (RuntimeException e) {
            ErrorReport.error(context.err(), "internal error: " + e);
            context.exit().accept(1);
            throw e;
        }
    }

    private void runMachine(CommandLine commandLine)
            throws CommandLineException, ConfigurationException, IOException {
        Machine created = start(commandLine.machine());
        new CommandLineRunner(created, context.availability()).createAll(commandLine);
        if (commandLine.monitor() == MonitorMode.STDIO) {
            HmpSession session = new HmpSession(created, context.factories(), context.out(),
                    commandLine.startPaused() ? VmStatus.PRELAUNCH : VmStatus.RUNNING, context.version(),
                    commandLine.name(), HmpCommands.standard());
            if (new HmpMonitor(session).run(context.in()) == HmpOutcome.QUIT) {
                context.exit().accept(0);
            }
        }
    }

    /** Outside the launcher (e.g. Karaf) a failure is reported and the framework keeps running. */
    private void runDefault() {
        try {
            start(MachineConfig.defaults());
        } catch (ConfigurationException e) {
            ErrorReport.error(context.err(), e.getMessage());
        }
    }

    private Machine start(MachineConfig config) throws ConfigurationException {
        context.availability().awaitObjectType(MAIN_RAM_TYPE);
        Machine created = context.machines().create(config);
        machine = created;
        context.publisher().accept(created);
        return created;
    }

    /** Closes the machine, if it was built and can be closed. */
    public void close() {
        Machine built = machine;
        machine = null;
        if (built instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                ErrorReport.error(context.err(), "closing the machine failed: " + e);
            }
        }
    }
}
