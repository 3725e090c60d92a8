package io.emuhost.monitor.internal.command;

import io.emuhost.api.monitor.ArgumentSpec;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.api.monitor.MonitorCommand;
import java.util.List;
import java.util.Optional;

/** What the host's own commands share: their spec, and HMP text for a {@code String} result. */
abstract class HostCommand implements MonitorCommand {

    private final CommandSpec spec;

    HostCommand(CommandSpec spec) {
        this.spec = spec;
    }

    @Override
    public final CommandSpec spec() {
        return spec;
    }

    /** A text result prints as it is; anything else prints nothing unless the command says so. */
    @Override
    public String formatHuman(Object result) {
        return result instanceof String text ? text : "";
    }

    /** An {@code info} subcommand with a QMP twin and no arguments. */
    static CommandSpec info(String qmpName, String hmpName, String help) {
        return new CommandSpec(Optional.ofNullable(qmpName), Optional.of(hmpName), true, "", help, List.of(),
                false);
    }

    /** A QMP-only command. */
    static CommandSpec qmp(String qmpName, String help, List<ArgumentSpec> arguments, boolean extra) {
        return new CommandSpec(Optional.of(qmpName), Optional.empty(), false, "", help, arguments, extra);
    }

    /** A required argument. */
    static ArgumentSpec required(String name, ArgumentType type, String description) {
        return new ArgumentSpec(name, type, false, description);
    }

    /** An optional argument. */
    static ArgumentSpec optional(String name, ArgumentType type, String description) {
        return new ArgumentSpec(name, type, true, description);
    }
}
