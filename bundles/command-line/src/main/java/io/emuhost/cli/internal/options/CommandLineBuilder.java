package io.emuhost.cli.internal.options;

import io.emuhost.api.machine.MachineSpec;
import io.emuhost.cli.internal.chardev.ChardevBackend;
import io.emuhost.syntax.KeyvalException;
import io.emuhost.syntax.KeyvalOptions;
import io.emuhost.syntax.KeyvalParser;
import io.emuhost.syntax.KeyvalSyntax;
import io.emuhost.syntax.ShortFormBoolean;
import io.emuhost.syntax.report.ErrorReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Collects the options of one command line; {@link CommandLineParser} feeds it in order. */
final class CommandLineBuilder {

    private static final Set<String> NAME_KEYS = Set.of("guest", "process", "debug-threads");

    private final PrintStream diagnostics;
    private final List<CreateRequest> objects = new ArrayList<>();
    private final List<CreateRequest> devices = new ArrayList<>();
    /** The ids seen so far, checked while reading as QEMU's option lists do, before anything is created. */
    private final Set<String> objectIds = new HashSet<>();
    private final Set<String> deviceIds = new HashSet<>();
    private String machineType = MachineOption.PC;
    private MemoryOption memory = MemoryOption.DEFAULT;
    private CpuOption cpu = CpuOption.DEFAULT;
    private final Supplier<HostCpu> hostCpu;
    private final MonitorOptions monitors = new MonitorOptions();
    private final boolean stdinIsTerminal;
    private boolean noDefaults;
    private boolean noGraphic;
    private boolean startPaused;
    private String name;

    CommandLineBuilder(PrintStream diagnostics, boolean stdinIsTerminal, Supplier<HostCpu> hostCpu) {
        this.diagnostics = diagnostics;
        this.stdinIsTerminal = stdinIsTerminal;
        this.hostCpu = hostCpu;
    }

    /** Applies one option; returns the help it asks for, if any. */
    Optional<HelpRequest> apply(CliOption option, String word, String argument) throws CommandLineException {
        String location = argument == null ? word : word + " " + argument;
        switch (option) {
            case MEMORY -> memory = memory.merge(
                    MemoryOption.parse(split(location, argument, "size", KeyvalSyntax.QEMU_OPTS), location));
            case MACHINE, MACHINE_SHORT -> {
                return machine(location, argument);
            }
            case CPU -> {
                if (KeyvalParser.isHelp(argument)) {
                    return Optional.of(new HelpRequest.CpuModels());
                }
                cpu = new CpuOption(location, argument); // QEMU keeps the last -cpu
            }
            case OBJECT -> {
                return object(location, word, argument);
            }
            case DEVICE -> {
                return device(location, word, argument);
            }
            case MONITOR -> monitors.monitor(location, argument);
            case QMP -> monitors.qmp(location, argument, false);
            case QMP_PRETTY -> monitors.qmp(location, argument, true);
            case MON -> monitors.mon(location, split(location, argument, "chardev", KeyvalSyntax.QEMU_OPTS));
            case CHARDEV -> monitors.chardev(location, split(location, argument, "backend", KeyvalSyntax.QEMU_OPTS));
            case QTEST -> monitors.qtest(location, argument);
            case QTEST_LOG -> monitors.qtestLog(argument);
            case DISPLAY -> display(location, argument);
            case SERIAL -> serial(location, argument);
            case NAME -> name(location, argument);
            case ACCEL, ENABLE_KVM -> {
                // accepted (kvm, tcg, qtest): there is no CPU to accelerate
            }
            case NODEFAULTS -> noDefaults = true;
            case NOGRAPHIC -> noGraphic = true;
            case FREEZE -> startPaused = true;
            case VERSION -> {
                return Optional.of(new HelpRequest.Version());
            }
            case HELP, HELP_LONG -> {
                return Optional.of(new HelpRequest.Usage());
            }
        }
        return Optional.empty();
    }

    /**
     * The machine type, memory, CPU and monitors are checked once all options are read, as QEMU does.
     * Without a monitor option the human monitor goes on standard input and output under
     * {@code -nographic} or when standard input is a terminal, unless {@code -nodefaults}.
     */
    CommandLine build() throws CommandLineException {
        MachineSpec config = memory.toConfig(MachineOption.resolve(machineType));
        if (cpu != CpuOption.DEFAULT) {
            config = config.withCpu(cpu.resolve(CpuModels.load(), hostCpu, diagnostics));
        }
        Optional<QtestSpec> qtest = monitors.qtest();
        boolean stdioFree = qtest.filter(q -> q.chardev().backend() instanceof ChardevBackend.Stdio).isEmpty();
        List<MonitorSpec> monitorList = monitors.monitors(!noDefaults && (noGraphic || stdinIsTerminal) && stdioFree);
        return new CommandLine(config, objects, devices, monitorList, qtest, startPaused, Optional.ofNullable(name));
    }

    private Optional<HelpRequest> machine(String location, String argument) throws CommandLineException {
        KeyvalOptions options = split(location, argument, "type", KeyvalSyntax.KEYVAL);
        Optional<String> type = options.get("type");
        if (options.helpWanted() || type.filter(KeyvalParser::isHelp).isPresent()) {
            return Optional.of(new HelpRequest.MachineTypes());
        }
        MachineOption.checkKeys(options, location);
        type.ifPresent(t -> machineType = t);
        return Optional.empty();
    }

    private Optional<HelpRequest> object(String location, String word, String argument) throws CommandLineException {
        KeyvalOptions options = split(location, argument, "qom-type", KeyvalSyntax.QEMU_OPTS);
        String type = options.get("qom-type")
                .orElseThrow(() -> new CommandLineException(location, "Parameter 'qom-type' is missing"));
        if (KeyvalParser.isHelp(type)) {
            return Optional.of(new HelpRequest.ObjectTypes());
        }
        if (options.helpWanted()) {
            return Optional.of(new HelpRequest.ObjectProperties(location, type));
        }
        checkUnique(objectIds, options, location, "object");
        objects.add(new CreateRequest(word, argument, type, options.without("qom-type")));
        return Optional.empty();
    }

    private Optional<HelpRequest> device(String location, String word, String argument) throws CommandLineException {
        KeyvalOptions options = split(location, argument, "driver", KeyvalSyntax.QEMU_OPTS);
        String driver = options.get("driver")
                .orElseThrow(() -> new CommandLineException(location, "Parameter 'driver' is missing"));
        if (KeyvalParser.isHelp(driver)) {
            return Optional.of(new HelpRequest.DeviceDrivers());
        }
        if (options.helpWanted()) {
            return Optional.of(new HelpRequest.DeviceProperties(location, driver));
        }
        checkUnique(deviceIds, options, location, "device");
        devices.add(new CreateRequest(word, argument, driver, options.without("driver")));
        return Optional.empty();
    }

    /**
     * QEMU keeps {@code -object} and {@code -device} in option lists that refuse a second entry
     * with the same id while the command line is read (util/qemu-option.c qemu_opts_create), so a
     * duplicate stops the start before any backing file is created.
     */
    private static void checkUnique(Set<String> seen, KeyvalOptions options, String location, String list)
            throws CommandLineException {
        Optional<String> id = options.get("id");
        if (id.isPresent() && !seen.add(id.get())) {
            throw new CommandLineException(location, "Duplicate ID '" + id.get() + "' for " + list);
        }
    }

    private static void display(String location, String argument) throws CommandLineException {
        String type = argument.split(",", 2)[0];
        if (!"none".equals(type)) {
            throw new CommandLineException(location, "Parameter 'type' does not accept value '" + type + "'");
        }
    }

    private static void serial(String location, String argument) throws CommandLineException {
        if (!"none".equals(argument) && !"null".equals(argument)) {
            throw new CommandLineException(location, "there are no serial ports; only 'none' is supported");
        }
    }

    private void name(String location, String argument) throws CommandLineException {
        KeyvalOptions options = split(location, argument, "guest", KeyvalSyntax.QEMU_OPTS);
        for (String key : options.values().keySet()) {
            if (!NAME_KEYS.contains(key)) {
                throw new CommandLineException(location, "Invalid parameter '" + key + "'");
            }
        }
        options.get("guest").ifPresent(guest -> name = guest);
    }

    private KeyvalOptions split(String location, String argument, String impliedKey, KeyvalSyntax syntax)
            throws CommandLineException {
        KeyvalOptions options;
        try {
            options = KeyvalParser.parse(argument, impliedKey, syntax);
        } catch (KeyvalException e) {
            throw new CommandLineException(location, e.getMessage());
        }
        for (ShortFormBoolean flag : options.shortForms()) {
            ErrorReport.warning(diagnostics, location, flag.warning());
            diagnostics.println(flag.hint());
        }
        return options;
    }
}
