package io.emuhost.monitor.internal.command;

import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.monitor.internal.hmp.HelpDump;
import io.emuhost.monitor.internal.hmp.HmpCommandTable;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code info [subcommand]} (HMP). The subcommands are the commands whose spec is
 * {@link CommandSpec#hmpInfo()}; the dispatcher runs them. Alone, {@code info} lists them, as
 * QEMU's {@code hmp_info_help} does.
 */
public final class InfoCommand extends HostCommand {

    private final Supplier<HmpCommandTable> table;

    /**
     * Creates the command.
     *
     * @param table the current top-level table
     */
    public InfoCommand(Supplier<HmpCommandTable> table) {
        super(new CommandSpec(Optional.empty(), Optional.of(HmpCommandTable.INFO), false, "[subcommand]",
                "show various information about the system state", List.of(), false));
        this.table = table;
    }

    @Override
    public Object execute(CommandArguments arguments) {
        return HelpDump.dump(table.get(), HmpCommandTable.INFO);
    }
}
