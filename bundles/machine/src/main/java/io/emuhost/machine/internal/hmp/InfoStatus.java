package io.emuhost.machine.internal.hmp;

/** {@code info status} (QEMU {@code hmp_info_status}). */
public final class InfoStatus implements HmpCommand {

    @Override
    public String name() {
        return "status";
    }

    @Override
    public String params() {
        return "";
    }

    @Override
    public String help() {
        return "show the current VM status (running|paused)";
    }

    @Override
    public HmpOutcome run(String arguments, HmpSession session) {
        session.out().println("VM status: " + session.status().text());
        return HmpOutcome.CONTINUE;
    }
}
