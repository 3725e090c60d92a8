package io.emuhost.machine.internal.hmp;

/** {@code info version}: the emuhost version, alone on a line as QEMU prints its own. */
public final class InfoVersion implements HmpCommand {

    @Override
    public String name() {
        return "version";
    }

    @Override
    public String params() {
        return "";
    }

    @Override
    public String help() {
        return "show the version of emuhost";
    }

    @Override
    public HmpOutcome run(String arguments, HmpSession session) {
        session.out().println(session.version());
        return HmpOutcome.CONTINUE;
    }
}
