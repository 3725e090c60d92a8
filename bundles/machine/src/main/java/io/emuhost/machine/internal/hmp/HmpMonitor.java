package io.emuhost.machine.internal.hmp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The human monitor on a stream pair: a banner, then {@code (qemu) } before every line read.
 * Like QEMU's line editor it runs only the first {@value #MAX_LINE} characters of a longer line.
 */
public final class HmpMonitor {

    /** The prompt, QEMU's. */
    public static final String PROMPT = "(qemu) ";

    /** QEMU's {@code READLINE_CMD_BUF_SIZE} - 1. */
    public static final int MAX_LINE = 4095;

    private final HmpSession session;

    /**
     * Creates a monitor.
     *
     * @param session what the commands use; its output is the monitor's output
     */
    public HmpMonitor(HmpSession session) {
        this.session = session;
    }

    /**
     * Reads and runs commands until {@code quit} or the end of the input.
     *
     * @param in the input
     * @return {@link HmpOutcome#QUIT} after {@code quit}, {@link HmpOutcome#CONTINUE} at the end of
     *     the input (QEMU keeps running when its monitor's input closes)
     * @throws IOException if the input fails
     */
    public HmpOutcome run(InputStream in) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        session.out().println("emuhost " + session.version() + " monitor - type 'help' for more information");
        while (true) {
            session.out().print(PROMPT);
            session.out().flush();
            String line = reader.readLine();
            if (line == null) {
                return HmpOutcome.CONTINUE;
            }
            HmpOutcome outcome = HmpDispatcher.execute(line.length() > MAX_LINE ? line.substring(0, MAX_LINE) : line,
                    session);
            session.out().flush();
            if (outcome == HmpOutcome.QUIT) {
                return outcome;
            }
        }
    }
}
