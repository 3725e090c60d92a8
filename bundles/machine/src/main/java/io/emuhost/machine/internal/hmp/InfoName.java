package io.emuhost.machine.internal.hmp;

/** {@code info name}: the {@code -name} guest name; nothing when there is none (QEMU). */
public final class InfoName implements HmpCommand {

    @Override
    public String name() {
        return "name";
    }

    @Override
    public String params() {
        return "";
    }

    @Override
    public String help() {
        return "show the current VM name";
    }

    @Override
    public HmpOutcome run(String arguments, HmpSession session) {
        session.name().ifPresent(session.out()::println);
        return HmpOutcome.CONTINUE;
    }
}
