package io.emuhost.monitor.internal.command;

import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.monitor.internal.hmp.EndsHmpSession;
import java.util.List;
import java.util.Optional;

/**
 * {@code quit} (QMP) and {@code quit|q} (HMP). As QEMU 7.2's {@code qmp_quit} (which
 * {@code hmp_quit} calls): a shutdown request with cause {@code host-qmp-quit}; the machine emits
 * the {@code SHUTDOWN} event at once (QEMU's clients see it before the {@code {"return": {}}}) and
 * tells its owner, who ends the process once the monitors have answered; the HMP session reads no
 * more input.
 */
public final class QuitCommand extends HostCommand implements EndsHmpSession {

    /** QEMU's {@code ShutdownCause} for a monitor quit, HMP and QMP alike. */
    public static final String REASON = "host-qmp-quit";

    private final Runnable onQuit;

    /**
     * Creates the command.
     *
     * @param onQuit asks the machine to shut down ({@code Machine.requestShutdown(REASON)}); called
     *     on the monitor's thread before the reply is written, so the owner must hand the exit to
     *     another thread
     */
    public QuitCommand(Runnable onQuit) {
        super(new CommandSpec(Optional.of("quit"), Optional.of("quit|q"), false, "", "quit the emulator", List.of(),
                false));
        this.onQuit = onQuit;
    }

    @Override
    public Object execute(CommandArguments arguments) {
        onQuit.run();
        return null;
    }
}
