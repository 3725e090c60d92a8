package io.emuhost.cli.internal.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standard input as QEMU's {@code stdio} chardev sets up a terminal for the human monitor
 * ({@code chardev/char-stdio.c qemu_chr_set_echo_stdio}): no echo, no line buffering, CR not
 * turned into LF, signals still on, so that the monitor's line editor echoes and edits as QEMU's
 * does. Done with {@code stty} on the inherited terminal; the settings are restored on close.
 */
final class StdioTerminal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StdioTerminal.class);

    /** QEMU's raw settings, as stty arguments. */
    private static final List<String> RAW = List.of("-ignbrk", "-brkint", "-parmrk", "-istrip", "-inlcr", "-igncr",
            "-icrnl", "-ixon", "opost", "-echo", "-echonl", "-icanon", "-iexten", "-parenb", "cs8", "min", "1",
            "time", "0");

    private final String saved;

    private StdioTerminal(String saved) {
        this.saved = saved;
    }

    /**
     * Puts the terminal on standard input into QEMU's monitor mode.
     *
     * @return the terminal to restore, or empty if standard input is no terminal or stty failed
     *     (the monitor then does not echo)
     */
    static Optional<StdioTerminal> rawMode() {
        if (System.console() == null) {
            return Optional.empty();
        }
        try {
            String saved = stty(List.of("-g")).trim();
            stty(RAW);
            return Optional.of(new StdioTerminal(saved));
        } catch (IOException e) {
            LOG.warn("cannot set up the terminal for the monitor: {}", e.getMessage());
            return Optional.empty();
        }
    }

    private static String stty(List<String> arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("stty");
        command.addAll(arguments);
        Process stty = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.INHERIT)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        try {
            if (stty.waitFor() != 0) {
                throw new IOException("stty " + String.join(" ", arguments) + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        return out;
    }

    /** Restores the terminal's settings. */
    @Override
    public void close() {
        try {
            stty(List.of(saved));
        } catch (IOException e) {
            LOG.warn("cannot restore the terminal: {}", e.getMessage());
        }
    }
}
