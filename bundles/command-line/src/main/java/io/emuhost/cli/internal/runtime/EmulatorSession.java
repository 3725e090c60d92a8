package io.emuhost.cli.internal.runtime;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.MachineHandle;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.cli.internal.chardev.ChardevException;
import io.emuhost.cli.internal.options.CommandLine;
import io.emuhost.cli.internal.options.CommandLineException;
import io.emuhost.cli.internal.options.CommandLineParser;
import io.emuhost.cli.internal.options.CommandLineRunner;
import io.emuhost.cli.internal.options.HelpPrinter;
import io.emuhost.cli.internal.options.HelpRequest;
import io.emuhost.cli.internal.options.Invocation;
import io.emuhost.cli.internal.options.MonitorSpec;
import io.emuhost.cli.internal.qemu.QemuLaunch;
import io.emuhost.syntax.report.ErrorReport;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

/**
 * One run of the emulator, as QEMU's main: read the command line, print help and exit, or open
 * the monitor and qtest chardevs, build the machine, create the {@code -object}s and
 * {@code -device}s, and serve the monitors (sockets on threads of their own, a {@code stdio} one
 * on this thread until its input ends). Ends the process through the context's exit: 0 after
 * help or {@code quit} on any monitor, 1 after an error.
 */
public final class EmulatorSession implements Runnable {

    /** The type of the machine's main RAM, which must be available before the machine is built. */
    static final String MAIN_RAM_TYPE = "memory-backend-ram";

    private final List<String> args;
    private final SessionContext context;
    private volatile MachineHandle machine;
    private volatile Frontends frontends;
    /** {@code --qemu}: the QEMU this session starts and ends with, if any. */
    private volatile QemuLaunch qemu;
    /** Set by {@link #close()}; a machine built afterwards is closed at once. Guarded by this. */
    private boolean closed;

    /**
     * Creates a session.
     *
     * @param args the command-line arguments
     * @param context what the session runs with
     */
    public EmulatorSession(List<String> args, SessionContext context) {
        this.args = List.copyOf(args);
        this.context = context;
    }

    @Override
    public void run() {
        context.availability().awaitStartup();
        try {
            Invocation invocation;
            if (QemuLaunch.requested(args)) {
                // the terminal is QEMU's: emuhost's monitors are only those given before --qemu
                qemu = QemuLaunch.prepare(args, context.factories(), context.err(), System.getenv());
                invocation = qemu.commandLine(new CommandLineParser(context.err(), false));
            } else {
                invocation = new CommandLineParser(context.err(), context.stdinIsTerminal()).parse(args);
            }
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
        for (MonitorSpec monitor : commandLine.monitors()) {
            requireProtocol(Frontends.protocolOf(monitor), monitor.chardev().location());
        }
        if (commandLine.qtest().isPresent()) {
            requireProtocol(ConnectionProtocol.QTEST, commandLine.qtest().get().chardev().location());
        }
        Frontends opened = Frontends.open(commandLine, context);
        frontends = opened;
        QuitSequence quit = new QuitSequence(opened, context.exit());
        MachineHandle created = start(commandLine.machine(), cause -> quit.request());
        if (created == null) {
            return;
        }
        new CommandLineRunner(created.machine(), context.availability()).createAll(commandLine);
        opened.start(created.machine(), commandLine, context.stdinIsTerminal(), context.protocols());
        startQemu(created.machine());
        opened.serveStdio();
        try {
            quit.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code --qemu}: QEMU starts once emuhost serves its devices; its exit status ends emuhost. */
    private void startQemu(Machine machine) throws CommandLineException {
        QemuLaunch launch = qemu;
        if (launch == null) {
            return;
        }
        try {
            launch.start(machine, context.availability(), context.exit());
        } catch (IOException e) {
            throw new CommandLineException("--qemu " + launch.qemuArgv().get(0), e.getMessage());
        }
    }

    private void closeQemu() {
        QemuLaunch launch = qemu;
        qemu = null;
        if (launch != null) {
            launch.close();
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

    /**
     * Builds the machine, unless the session was closed meanwhile (its bundle stopped while the
     * machine was being built): then the new machine is closed at once.
     *
     * @return the machine, or null if the session is closed
     */
    private MachineHandle start(MachineSpec spec, Consumer<String> shutdownRequests) throws ConfigurationException {
        context.availability().awaitObjectType(MAIN_RAM_TYPE);
        MachineHandle created = context.machines().create(spec, shutdownRequests);
        synchronized (this) {
            if (!closed) {
                machine = created;
                return created;
            }
        }
        created.close();
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
        MachineHandle built;
        synchronized (this) {
            closed = true;
            built = machine;
            machine = null;
        }
        closeFrontends();
        closeQemu();
        if (built != null) {
            built.close();
        }
    }

    /**
     * After a failed start: closes the monitors and abandons the machine, if it was built, so
     * that what the start created goes with it (a backing file a {@code -object} created), then
     * asks to exit with 1.
     */
    private void failedStart() {
        closeFrontends();
        closeQemu();
        MachineHandle built;
        synchronized (this) {
            built = machine;
            machine = null;
        }
        if (built != null) {
            built.abandon();
        }
        context.exit().accept(1);
    }
}
