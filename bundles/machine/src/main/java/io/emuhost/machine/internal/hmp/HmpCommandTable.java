package io.emuhost.machine.internal.hmp;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A table of monitor commands, sorted by name as QEMU sorts its tables for {@code help}. */
public final class HmpCommandTable {

    private final List<HmpCommand> commands;

    /**
     * Creates a table.
     *
     * @param commands the commands, in any order
     */
    public HmpCommandTable(List<HmpCommand> commands) {
        this.commands = commands.stream().sorted(Comparator.comparing(HmpCommand::name)).toList();
    }

    /**
     * The commands.
     *
     * @return the commands, sorted by name
     */
    public List<HmpCommand> commands() {
        return commands;
    }

    /**
     * Finds a command by name or alias (QEMU's {@code hmp_compare_cmd}).
     *
     * @param word the word typed
     * @return the command, or empty
     */
    public Optional<HmpCommand> find(String word) {
        return commands.stream()
                .filter(c -> Arrays.asList(c.name().split("\\|")).contains(word))
                .findFirst();
    }
}
