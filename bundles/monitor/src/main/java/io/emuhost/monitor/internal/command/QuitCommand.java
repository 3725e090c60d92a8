package io.emuhost.monitor.internal.command;

import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.api.monitor.MonitorEvents;
import io.emuhost.monitor.internal.hmp.EndsHmpSession;
import java.util.List;
import java.util.Optional;

/**
 * {@code quit} (QMP) and {@code quit|q} (HMP). As QEMU 7.2's {@code qmp_quit} (which
 * {@code hmp_quit} calls): the {@code SHUTDOWN} event with reason {@code host-qmp-quit} goes out
 * first (QEMU's clients see it before the {@code {"return": {}}}), then the runtime is told to
 * stop; the HMP session reads no more input.
 */
public final class QuitCommand extends HostCommand implements EndsHmpSession {

    /** QEMU's {@code ShutdownCause} for a monitor quit, HMP and QMP alike. */
    public static final String REASON = "host-qmp-quit";

    private final MonitorEvents events;
    private final Runnable onQuit;

    /**
     * Creates the command.
     *
     * @param events where {@code SHUTDOWN} goes
     * @param onQuit tells the runtime to stop; called on the monitor's thread before the reply is
     *     written, so it must hand the exit to another thread
     */
    public QuitCommand(MonitorEvents events, Runnable onQuit) {
        super(new CommandSpec(Optional.of("quit"), Optional.of("quit|q"), false, "", "quit the emulator", List.of(),
                false));
        this.events = events;
        this.onQuit = onQuit;
    }

    @Override
    public Object execute(CommandArguments arguments) {
        events.emit("SHUTDOWN", Json.of("guest", false, "reason", REASON));
        onQuit.run();
        return null;
    }
}
