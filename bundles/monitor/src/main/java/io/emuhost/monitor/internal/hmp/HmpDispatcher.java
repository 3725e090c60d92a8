package io.emuhost.monitor.internal.hmp;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.monitor.MonitorCommand;
import io.emuhost.monitor.internal.ParsedArguments;
import java.io.PrintStream;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds and runs the command on an HMP line, as QEMU 7.2's {@code handle_hmp_command}: the name
 * ends at whitespace or {@code /}; a command with subcommands takes the next word from its own
 * table; arguments that do not parse print QEMU's line and {@code Try "help <cmd>" for more
 * information}; errors print as {@code Error: <message>} and the monitor goes on.
 */
public final class HmpDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(HmpDispatcher.class);

    /** QEMU looks commands up by at most 255 characters of their name. */
    private static final int MAX_NAME = 255;

    private final Supplier<HmpCommandTable> table;
    private final PrintStream diagnostics;

    /**
     * Creates a dispatcher.
     *
     * @param table the current top-level table (it changes as bundles come and go)
     * @param diagnostics where QemuOpts warnings and parse errors go, as QEMU prints them on stderr
     */
    public HmpDispatcher(Supplier<HmpCommandTable> table, PrintStream diagnostics) {
        this.table = table;
        this.diagnostics = diagnostics;
    }

    /**
     * Runs one line.
     *
     * @param line the line, without its terminator
     * @return what it printed and whether the session ends
     */
    public HmpReply run(String line) {
        StringBuilder out = new StringBuilder();
        HmpWords words = new HmpWords(line, 0);
        HmpCommandTable current = table.get();
        while (true) {
            words.skipSpaces();
            if (words.atEnd()) {
                return new HmpReply(out.toString(), false);
            }
            int start = words.position();
            int end = start;
            while (end < line.length() && line.charAt(end) != '/' && !HmpWords.isSpace(line.charAt(end))) {
                end++;
            }
            String name = line.substring(start, Math.min(end, start + MAX_NAME));
            Optional<HmpCommandTable.Entry> found = current.find(name);
            if (found.isEmpty()) {
                out.append("unknown command: '").append(line, 0, end).append("'\n");
                return new HmpReply(out.toString(), false);
            }
            words.advance(end - start);
            words.skipSpaces();
            HmpCommandTable.Entry entry = found.get();
            if (entry.subcommands().isPresent() && !words.atEnd()) {
                current = entry.subcommands().get();
                continue;
            }
            return execute(entry.command(), line.substring(0, end), words, out);
        }
    }

    private HmpReply execute(MonitorCommand command, String commandText, HmpWords words, StringBuilder out) {
        ParsedArguments arguments;
        try {
            arguments = HmpArgumentParser.parse(command.spec(), words, diagnostics);
        } catch (HmpSyntaxException e) {
            e.monitorLine().ifPresent(message -> out.append(message).append('\n'));
            out.append("Try \"help ").append(commandText).append("\" for more information\n");
            return new HmpReply(out.toString(), false);
        }
        try {
            out.append(command.formatHuman(command.execute(arguments)));
        } catch (ConfigurationException e) {
            out.append("Error: ").append(e.getMessage()).append('\n');
        } catch (RuntimeException e) {
            LOG.warn("monitor command {} failed", commandText, e);
            out.append("Error: ").append(e).append('\n');
        }
        return new HmpReply(out.toString(), command instanceof EndsHmpSession);
    }
}
