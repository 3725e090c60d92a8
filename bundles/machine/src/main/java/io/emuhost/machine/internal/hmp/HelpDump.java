package io.emuhost.machine.internal.hmp;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * QEMU's {@code help_cmd_dump}: one {@code <prefix> name params -- help} line per command, for a
 * whole table or for the command the words name.
 */
public final class HelpDump {

    private HelpDump() {
    }

    /**
     * Prints the help for the commands the words name.
     *
     * @param table the top-level table
     * @param words the words after {@code help}, e.g. {@code [info, memdev]}; none for all
     * @param out where to print
     */
    public static void dump(HmpCommandTable table, List<String> words, PrintStream out) {
        dump(table, words, 0, out);
    }

    private static void dump(HmpCommandTable table, List<String> words, int index, PrintStream out) {
        List<String> prefix = words.subList(0, Math.min(index, words.size()));
        if (index >= words.size()) {
            table.commands().forEach(command -> out.println(line(prefix, command)));
            return;
        }
        Optional<HmpCommand> found = table.find(words.get(index));
        if (found.isEmpty()) {
            out.println("unknown command: '" + String.join(" ", words.subList(0, index + 1)) + "'");
        } else if (found.get().subcommands().isPresent()) {
            dump(found.get().subcommands().get(), words, index + 1, out);
        } else {
            out.println(line(prefix, found.get()));
        }
    }

    /**
     * One help line.
     *
     * @param prefix the words before the command name, e.g. {@code [info]}
     * @param command the command
     * @return e.g. {@code info memdev  -- show memory backends}
     */
    static String line(List<String> prefix, HmpCommand command) {
        StringBuilder line = new StringBuilder();
        prefix.forEach(word -> line.append(word).append(' '));
        return line.append(command.name()).append(' ').append(command.params()).append(" -- ").append(command.help())
                .toString();
    }
}
