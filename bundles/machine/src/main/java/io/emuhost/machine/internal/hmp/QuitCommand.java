package io.emuhost.machine.internal.hmp;

/** {@code quit|q}: quit the emulator. */
public final class QuitCommand implements HmpCommand {

    @Override
    public String name() {
        return "quit|q";
    }

    @Override
    public String params() {
        return "";
    }

    @Override
    public String help() {
        return "quit the emulator";
    }

    @Override
    public HmpOutcome run(String arguments, HmpSession session) {
        return HmpOutcome.QUIT;
    }
}
