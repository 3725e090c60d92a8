package io.emuhost.machine.internal.runtime;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.api.machine.Machine;
import io.emuhost.machine.internal.MachineConfig;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.machine.internal.cli.CommandLine;
import io.emuhost.machine.internal.cli.CommandLineException;
import io.emuhost.machine.internal.cli.CommandLineParser;
import io.emuhost.machine.internal.cli.CommandLineRunner;
import io.emuhost.machine.internal.cli.ErrorReport;
import io.emuhost.machine.internal.cli.HelpPrinter;
import io.emuhost.machine.internal.cli.HelpRequest;
import io.emuhost.machine.internal.cli.Invocation;
import io.emuhost.machine.internal.chardev.ChardevException;
import io.emuhost.machine.internal.hmp.VmStatus;
import io.emuhost.machine.internal.monitor.CommandRegistry;
import io.emuhost.machine.internal.monitor.MonitorContext;
import java.util.List;

/**
 * One run of the emulator, as QEMU's main: read the command line, print help and exit, or open
 * the monitor and qtest chardevs, build the machine, create the {@code -object}s and
 * {@code -device}s, and serve the monitors (sockets on threads of their own, a {@code stdio} one
 * on this thread until its input ends). Ends the process through the context's exit: 0 after
 * help or {@code quit} on any monitor, 1 after an error. Without a command line it builds the
 * default machine and runs no monitor.
 */
public final class EmulatorSession implements Runnable {

    /** The type of the machine's main RAM, which must be available before the machine is built. */
    static final String MAIN_RAM_TYPE = "memory-backend-ram";

    private final List<String> args;
    private final SessionContext context;
    private volatile Machine machine;
    private volatile Frontends frontends;
    /** Set by {@link #close()}; a machine built afterwards is closed at once. Guarded by this. */
    private boolean closed;

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
            Invocation invocation = new CommandLineParser(context.err(), context.stdinIsTerminal()).parse(args);
            if (invocation instanceof HelpRequest help) {
                context.exit().accept(new HelpPrinter(context.factories(), context.version(), context.out(),
                        context.err()).print(help));
                return;
            }
            runMachine((CommandLine) invocation);
        } catch (CommandLineException e) {
            e.print(context.err());
            failedStart();
        } catch (ConfigurationException e) {
            ErrorReport.error(context.err(), e.getMessage());
            failedStart();
        } catch (ChardevException e) {
            ErrorReport.error(context.err(), e.location() + ": " + e.getMessage());
            failedStart();
        } catch (RuntimeException e) {
            ErrorReport.error(context.err(), "internal error: " + e);
            context.exit().accept(1);
            throw e;
        }
    }

    private void runMachine(CommandLine commandLine)
            throws CommandLineException, ConfigurationException, ChardevException {
        if (commandLine.qtest().isPresent()) {
            requireProtocol(ConnectionProtocol.QTEST, commandLine.qtest().get().chardev().location());
        }
        Frontends opened = Frontends.open(commandLine, context);
        frontends = opened;
        QuitSequence quit = new QuitSequence(opened, context.exit());
        Machine created = start(commandLine.machine());
        if (created == null) {
            return;
        }
        new CommandLineRunner(created, context.availability()).createAll(commandLine);
        VmStatus status = commandLine.startPaused() ? VmStatus.PRELAUNCH : VmStatus.RUNNING;
        CommandRegistry hub = new CommandRegistry(new MonitorContext(created, context.factories(), context.events(),
                context.err(), status, context.version(), commandLine.name()), context.commands(), quit::request);
        opened.start(created, hub, context.events(), context.version(), context.stdinIsTerminal(), context.protocols());
        opened.serveStdio();
        try {
            quit.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A protocol named on the command line must be there (its bundle may still be starting), as
     * a {@code -device} needs its factory; checked before the chardev waits for a client.
     */
    private void requireProtocol(String protocol, String location) throws CommandLineException {
        context.availability().awaitProtocol(protocol);
        if (context.protocols().protocol(protocol).isEmpty()) {
            throw new CommandLineException(location, ProtocolChardev.missing(protocol));
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

    /**
     * Builds and publishes the machine, unless the session was closed meanwhile (its bundle
     * stopped while the machine was being built): then the new machine is closed at once.
     *
     * @return the machine, or null if the session is closed
     */
    private Machine start(MachineConfig config) throws ConfigurationException {
        context.availability().awaitObjectType(MAIN_RAM_TYPE);
        Machine created = context.machines().create(config);
        synchronized (this) {
            if (!closed) {
                machine = created;
                context.publisher().accept(created);
                return created;
            }
        }
        closeMachine(created);
        return null;
    }

    private void closeFrontends() {
        Frontends opened = frontends;
        frontends = null;
        if (opened != null) {
            opened.close();
        }
    }

    /** Disconnects the monitors, unlinks their sockets and closes the machine, if it was built. */
    public void close() {
        Machine built;
        synchronized (this) {
            closed = true;
            built = machine;
            machine = null;
        }
        closeFrontends();
        closeMachine(built);
    }

    /**
     * After a failed start: closes the monitors and abandons the machine, if it was built, so
     * that what the start created goes with it (a backing file a {@code -object} created), then
     * asks to exit with 1.
     */
    private void failedStart() {
        closeFrontends();
        Machine built;
        synchronized (this) {
            built = machine;
            machine = null;
        }
        if (built instanceof MachineImpl impl) {
            impl.abandon();
        } else {
            closeMachine(built);
        }
        context.exit().accept(1);
    }

    private void closeMachine(Machine built) {
        if (built instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                ErrorReport.error(context.err(), "closing the machine failed: " + e);
            }
        }
    }
}
