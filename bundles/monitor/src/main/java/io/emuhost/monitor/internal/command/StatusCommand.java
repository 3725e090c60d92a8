package io.emuhost.monitor.internal.command;

import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.monitor.internal.hmp.VmStatus;

/**
 * {@code query-status} / {@code info status}: {@code {"status": ..., "singlestep": false,
 * "running": ...}} in QEMU 7.2's key order; HMP {@code VM status: running} or
 * {@code VM status: paused (prelaunch)}.
 */
public final class StatusCommand extends HostCommand {

    private final VmStatus status;

    /**
     * Creates the command.
     *
     * @param status the run state
     */
    public StatusCommand(VmStatus status) {
        super(info("query-status", "status", "show the current VM status (running|paused)"));
        this.status = status;
    }

    @Override
    public Object execute(CommandArguments arguments) {
        return Json.of("status", status.qmpName(), "singlestep", false, "running", status.running());
    }

    @Override
    public String formatHuman(Object result) {
        return "VM status: " + VmStatus.fromQmpName(Json.string(Json.object(result), "status")).text() + "\n";
    }

}
