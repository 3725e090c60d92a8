package io.emuhost.machine.internal.hmp;

import io.emuhost.api.device.ConfigurationException;
import java.util.Optional;

/**
 * Finds and runs the command on a monitor line, as QEMU's {@code handle_hmp_command} does: the
 * command name ends at whitespace or {@code /}; a command with subcommands takes the next word
 * from its own table; errors print as {@code Error: <message>} and the monitor goes on.
 */
public final class HmpDispatcher {

    private HmpDispatcher() {
    }

    /**
     * Runs one line.
     *
     * @param line the line, without its line terminator
     * @param session the monitor's session
     * @return what the monitor does next
     */
    public static HmpOutcome execute(String line, HmpSession session) {
        return dispatch(line, skipSpaces(line, 0), session.commands(), session);
    }

    private static HmpOutcome dispatch(String line, int start, HmpCommandTable table, HmpSession session) {
        if (start == line.length()) {
            return HmpOutcome.CONTINUE;
        }
        int end = start;
        while (end < line.length() && line.charAt(end) != '/' && !isSpace(line.charAt(end))) {
            end++;
        }
        Optional<HmpCommand> found = table.find(line.substring(start, end));
        if (found.isEmpty()) {
            session.out().println("unknown command: '" + line.substring(0, end) + "'");
            return HmpOutcome.CONTINUE;
        }
        HmpCommand command = found.get();
        int argumentStart = skipSpaces(line, end);
        String arguments = line.substring(argumentStart).stripTrailing();
        if (command.subcommands().isPresent() && !arguments.isEmpty()) {
            return dispatch(line, argumentStart, command.subcommands().get(), session);
        }
        if (command.params().isEmpty() && !arguments.isEmpty()) {
            session.out().println(command.name() + ": extraneous characters at the end of line");
            return HmpOutcome.CONTINUE;
        }
        try {
            return command.run(arguments, session);
        } catch (ConfigurationException e) {
            session.out().println("Error: " + e.getMessage());
            return HmpOutcome.CONTINUE;
        }
    }

    private static int skipSpaces(String line, int from) {
        int i = from;
        while (i < line.length() && isSpace(line.charAt(i))) {
            i++;
        }
        return i;
    }

    /** C's isspace. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}
