package io.emuhost.monitor.internal.hmp;

import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.api.monitor.MonitorCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A table of HMP commands, sorted by name as QEMU sorts its tables for {@code help}. The
 * top-level table holds the {@code info} subcommands (commands whose spec says
 * {@link CommandSpec#hmpInfo()}) under the {@code info} entry.
 */
public final class HmpCommandTable {

    /** The command that holds the {@code info} subcommands. */
    public static final String INFO = "info";

    private final List<Entry> entries;

    /**
     * One row.
     *
     * @param command the command
     * @param subcommands its subcommands ({@code info}), if any
     */
    public record Entry(MonitorCommand command, Optional<HmpCommandTable> subcommands) {

        /**
         * The name with {@code |}-separated aliases.
         *
         * @return e.g. {@code quit|q}
         */
        public String name() {
            return command.spec().hmpName().orElseThrow();
        }

        /**
         * Whether a typed word names this command (QEMU's {@code hmp_compare_cmd}).
         *
         * @param word the word
         * @return true for the name or an alias
         */
        boolean matches(String word) {
            return Arrays.asList(name().split("\\|")).contains(word);
        }
    }

    /**
     * Creates a table.
     *
     * @param entries the rows, in any order; the first of equal names wins
     */
    public HmpCommandTable(List<Entry> entries) {
        Set<String> seen = new HashSet<>();
        List<Entry> unique = new ArrayList<>();
        for (Entry entry : entries) {
            if (seen.add(entry.name())) {
                unique.add(entry);
            }
        }
        unique.sort(Comparator.comparing(Entry::name));
        this.entries = List.copyOf(unique);
    }

    /**
     * The top-level table of a set of commands: those with an HMP name, the {@code info}
     * subcommands under {@code info}.
     *
     * @param commands the commands, host commands first
     * @return the table
     */
    public static HmpCommandTable of(Collection<? extends MonitorCommand> commands) {
        List<Entry> info = new ArrayList<>();
        List<MonitorCommand> top = new ArrayList<>();
        for (MonitorCommand command : commands) {
            CommandSpec spec = command.spec();
            if (spec.hmpName().isEmpty()) {
                continue;
            }
            if (spec.hmpInfo()) {
                info.add(new Entry(command, Optional.empty()));
            } else {
                top.add(command);
            }
        }
        HmpCommandTable infoTable = new HmpCommandTable(info);
        return new HmpCommandTable(top.stream().map(c -> new Entry(c,
                INFO.equals(c.spec().hmpName().orElseThrow()) ? Optional.of(infoTable) : Optional.empty()))
                .toList());
    }

    /**
     * The rows.
     *
     * @return the rows, sorted by name
     */
    public List<Entry> entries() {
        return entries;
    }

    /**
     * Finds a command by name or alias.
     *
     * @param word the word typed
     * @return the row, or empty
     */
    public Optional<Entry> find(String word) {
        return entries.stream().filter(e -> e.matches(word)).findFirst();
    }
}
