package io.emuhost.machine.internal.hmp;

import java.util.List;
import java.util.Optional;

/** {@code info [subcommand]}; without a subcommand it lists the subcommands, as QEMU does. */
public final class InfoCommand implements HmpCommand {

    private final HmpCommandTable subcommands;

    /**
     * Creates the command.
     *
     * @param subcommands the {@code info} subcommands
     */
    public InfoCommand(HmpCommandTable subcommands) {
        this.subcommands = subcommands;
    }

    @Override
    public String name() {
        return "info";
    }

    @Override
    public String params() {
        return "[subcommand]";
    }

    @Override
    public String help() {
        return "show various information about the system state";
    }

    @Override
    public Optional<HmpCommandTable> subcommands() {
        return Optional.of(subcommands);
    }

    @Override
    public HmpOutcome run(String arguments, HmpSession session) {
        HelpDump.dump(session.commands(), List.of(name()), session.out());
        return HmpOutcome.CONTINUE;
    }
}
