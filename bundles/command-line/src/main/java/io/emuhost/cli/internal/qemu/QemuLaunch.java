package io.emuhost.cli.internal.qemu;

import com.sun.jna.LastErrorException;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import io.emuhost.cli.internal.options.CommandLine;
import io.emuhost.cli.internal.options.CommandLineException;
import io.emuhost.cli.internal.options.CommandLineParser;
import io.emuhost.cli.internal.options.CreateRequest;
import io.emuhost.cli.internal.options.FactoryAvailability;
import io.emuhost.cli.internal.options.Invocation;
import io.emuhost.syntax.report.ErrorReport;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * {@code emuhost [emuhost's monitors] --qemu QEMU-BINARY QEMU-OPTIONS}: runs an ordinary QEMU
 * command line with emuhost serving the devices it implements. Prepared before emuhost's machine
 * is built (every bad option is reported then, and nothing started); {@link #start} starts QEMU
 * once emuhost serves the devices, and a thread waits for QEMU and ends emuhost with QEMU's exit
 * status (the machine closes its devices and flushes its backends on the way out). If emuhost
 * ends first, QEMU's watchdog stops QEMU ({@link QemuProcess}).
 */
public final class QemuLaunch implements AutoCloseable {

    /** The object that serves a device to QEMU (bundles/qemu-remote). */
    static final String REMOTE_TYPE = "x-remote-object";

    private final Path binary;
    private final QemuPlan plan;
    private final Path runtimeDir;
    private final List<Integer> emuhostEnds;
    private final List<Integer> qemuEnds;
    private final Map<String, String> environment;
    private volatile QemuProcess process;

    private QemuLaunch(Path binary, QemuPlan plan, Path runtimeDir, List<Integer> emuhostEnds, List<Integer> qemuEnds,
            Map<String, String> environment) {
        this.binary = binary;
        this.plan = plan;
        this.runtimeDir = runtimeDir;
        this.emuhostEnds = List.copyOf(emuhostEnds);
        this.qemuEnds = new ArrayList<>(qemuEnds);
        this.environment = environment;
    }

    /**
     * Whether a command line asks for this mode.
     *
     * @param args the command line
     * @return true if it has {@code --qemu}
     */
    public static boolean requested(List<String> args) {
        return QemuModeArgs.requested(args);
    }

    /**
     * Checks and plans the launch and makes one socket pair per device; starts nothing.
     *
     * @param args the command line
     * @param factories which devices emuhost serves
     * @param err where notes go
     * @param environment QEMU's environment (and its PATH)
     * @return the prepared launch
     * @throws CommandLineException the first bad option
     */
    public static QemuLaunch prepare(List<String> args, FactoryCatalogue factories, PrintStream err,
            Map<String, String> environment) throws CommandLineException {
        QemuModeArgs mode = QemuModeArgs.parse(args);
        Path binary = QemuBinary.resolve(mode.binary(), environment.get("PATH"));
        Path runtimeDir;
        try {
            runtimeDir = Files.createTempDirectory("emuhost-qemu-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        QemuPlan plan;
        try {
            plan = new QemuPlanner(factories).plan(mode, runtimeDir);
        } catch (CommandLineException | RuntimeException e) {
            deleteQuietly(runtimeDir);
            throw e;
        }
        List<Integer> emuhostEnds = new ArrayList<>();
        List<Integer> qemuEnds = new ArrayList<>();
        for (int i = 0; i < plan.devices().size(); i++) {
            int[] pair = new int[2];
            try {
                Spawn.socketpair(Spawn.AF_UNIX, Spawn.SOCK_STREAM | Spawn.O_CLOEXEC, 0, pair);
            } catch (LastErrorException e) {
                emuhostEnds.forEach(Spawn::closeQuietly);
                qemuEnds.forEach(Spawn::closeQuietly);
                deleteQuietly(runtimeDir);
                throw new CommandLineException(null, "socketpair: " + Spawn.strerror(e.getErrorCode()));
            }
            emuhostEnds.add(pair[0]);
            qemuEnds.add(pair[1]);
        }
        plan.notes().forEach(note -> ErrorReport.error(err, note));
        return new QemuLaunch(binary, plan, runtimeDir, emuhostEnds, qemuEnds, environment);
    }

    /**
     * emuhost's side as a command line, parsed by emuhost's own parser; errors about a moved
     * device point at the option as the user wrote it.
     *
     * @param parser emuhost's parser (no default monitor: the terminal is QEMU's)
     * @return the command line
     * @throws CommandLineException an option emuhost rejects
     */
    public CommandLine commandLine(CommandLineParser parser) throws CommandLineException {
        Invocation invocation = parser.parse(plan.emuhostOptions());
        if (!(invocation instanceof CommandLine parsed)) {
            throw new CommandLineException(null, "emuhost's options ask for help: give them without --qemu");
        }
        List<CreateRequest> devices = new ArrayList<>();
        for (int i = 0; i < parsed.devices().size(); i++) {
            CreateRequest device = parsed.devices().get(i);
            devices.add(new CreateRequest(device.option(), plan.devices().get(i).argument(), device.type(),
                    device.properties()));
        }
        return new CommandLine(parsed.machine(), parsed.objects(), devices, parsed.monitors(), parsed.qtest(),
                parsed.startPaused(), parsed.name());
    }

    /**
     * QEMU's command line.
     *
     * @return argv, the binary first
     */
    public List<String> qemuArgv() {
        List<String> argv = new ArrayList<>(List.of(binary.toString()));
        argv.addAll(plan.qemuArgs());
        return argv;
    }

    /**
     * Serves each device on its socket ({@code x-remote-object,fd=}), then starts QEMU and a
     * thread that ends emuhost with QEMU's exit status when QEMU ends.
     *
     * @param machine emuhost's machine, its devices created
     * @param availability waits for the qemu-remote bundle
     * @param exit ends emuhost with a status
     * @throws CommandLineException if a device cannot be served
     * @throws IOException if QEMU cannot be started
     */
    public synchronized void start(Machine machine, FactoryAvailability availability, IntConsumer exit)
            throws CommandLineException, IOException {
        for (Map<String, String> remote : plan.remoteObjects(emuhostEnds)) {
            availability.awaitObjectType(REMOTE_TYPE);
            try {
                machine.addObject(REMOTE_TYPE, remote, Frontend.COMMAND_LINE);
            } catch (ConfigurationException e) {
                throw new CommandLineException("-object " + REMOTE_TYPE, e.getMessage());
            }
        }
        QemuProcess started = QemuProcess.start(qemuArgv(), qemuEnds, environment);
        process = started;
        closeQemuEnds();
        Thread waiter = new Thread(() -> {
            int status;
            try {
                status = started.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            exit.accept(status);
        }, "emuhost-qemu-" + started.pid());
        waiter.setDaemon(true);
        waiter.start();
    }

    /**
     * emuhost ends: if QEMU still runs, its watchdog stops it (emuhost's devices go now); the
     * doorbell directory goes.
     */
    @Override
    public synchronized void close() {
        QemuProcess running = process;
        if (running != null) {
            running.abandon();
        }
        closeQemuEnds();
        deleteQuietly(runtimeDir);
    }

    private void closeQemuEnds() {
        qemuEnds.forEach(Spawn::closeQuietly);
        qemuEnds.clear();
    }

    private static void deleteQuietly(Path directory) {
        try (var entries = Files.list(directory)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Files.deleteIfExists(entry);
            }
            Files.deleteIfExists(directory);
        } catch (IOException e) {
            // a temporary directory; the system cleans it up
        }
    }
}
