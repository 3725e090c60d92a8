package io.emuhost.monitor.internal.command;

import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.monitor.internal.hmp.HelpDump;
import io.emuhost.monitor.internal.hmp.HmpCommandTable;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code help|? [cmd]} (HMP): the help for all commands, or for the command the words name. */
public final class HelpCommand extends HostCommand {

    private final Supplier<HmpCommandTable> table;

    /**
     * Creates the command.
     *
     * @param table the current top-level table, contributed commands included
     */
    public HelpCommand(Supplier<HmpCommandTable> table) {
        super(new CommandSpec(Optional.empty(), Optional.of("help|?"), false, "[cmd]", "show the help",
                List.of(optional("name", ArgumentType.REST, "the command")), false));
        this.table = table;
    }

    @Override
    public Object execute(CommandArguments arguments) {
        return HelpDump.dump(table.get(), arguments.string("name").orElse(""));
    }
}
