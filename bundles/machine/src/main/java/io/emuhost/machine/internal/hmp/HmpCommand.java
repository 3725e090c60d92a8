package io.emuhost.machine.internal.hmp;

import io.emuhost.api.device.ConfigurationException;
import java.util.Optional;

/**
 * One human-monitor command, described as a row of QEMU's hmp-commands.hx table: its name (with
 * {@code |}-separated aliases), its parameter synopsis and its help text.
 */
public interface HmpCommand {

    /**
     * The name and aliases.
     *
     * @return e.g. {@code quit|q}
     */
    String name();

    /**
     * The parameter synopsis; empty for a command that takes no arguments (extra words are then
     * rejected with {@code <name>: extraneous characters at the end of line}).
     *
     * @return e.g. {@code [subcommand]}
     */
    String params();

    /**
     * The one-line help.
     *
     * @return e.g. {@code quit the emulator}
     */
    String help();

    /**
     * The subcommands ({@code info}), if the command has any.
     *
     * @return the table, or empty
     */
    default Optional<HmpCommandTable> subcommands() {
        return Optional.empty();
    }

    /**
     * Runs the command.
     *
     * @param arguments the rest of the line after the name, without surrounding whitespace
     * @param session the monitor's session
     * @return what the monitor does next
     * @throws ConfigurationException printed as {@code Error: <message>}
     */
    HmpOutcome run(String arguments, HmpSession session) throws ConfigurationException;
}
