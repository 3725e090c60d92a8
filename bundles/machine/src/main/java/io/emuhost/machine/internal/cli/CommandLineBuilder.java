package io.emuhost.machine.internal.cli;

import io.emuhost.machine.internal.MachineConfig;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Collects the options of one command line; {@link CommandLineParser} feeds it in order. */
final class CommandLineBuilder {

    private static final Set<String> NAME_KEYS = Set.of("guest", "process", "debug-threads");

    private final PrintStream diagnostics;
    private final List<CreateRequest> objects = new ArrayList<>();
    private final List<CreateRequest> devices = new ArrayList<>();
    private String machineType = MachineOption.PC;
    private MemoryOption memory = MemoryOption.DEFAULT;
    private MonitorMode monitor;
    private boolean noDefaults;
    private boolean noGraphic;
    private boolean startPaused;
    private String name;

    CommandLineBuilder(PrintStream diagnostics) {
        this.diagnostics = diagnostics;
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
            case OBJECT -> {
                return object(location, word, argument);
            }
            case DEVICE -> {
                return device(location, word, argument);
            }
            case MONITOR -> monitor = monitor(location, argument);
            case DISPLAY -> display(location, argument);
            case SERIAL -> serial(location, argument);
            case NAME -> name(location, argument);
            case ACCEL, ENABLE_KVM -> {
                // accepted: there is no CPU to accelerate
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

    /** The machine type and memory are checked once all options are read, as QEMU does. */
    CommandLine build() throws CommandLineException {
        MachineConfig config = memory.toConfig(MachineOption.resolve(machineType));
        MonitorMode mode = monitor != null ? monitor : noGraphic && !noDefaults ? MonitorMode.STDIO : MonitorMode.NONE;
        return new CommandLine(config, objects, devices, mode, startPaused, Optional.ofNullable(name));
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
        devices.add(new CreateRequest(word, argument, driver, options.without("driver")));
        return Optional.empty();
    }

    private static MonitorMode monitor(String location, String argument) throws CommandLineException {
        if ("stdio".equals(argument)) {
            return MonitorMode.STDIO;
        }
        if ("none".equals(argument) || "vc".equals(argument) || argument.startsWith("vc:")) {
            return MonitorMode.NONE;
        }
        throw new CommandLineException(location, "only the monitors 'stdio', 'vc' and 'none' are supported");
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
