package io.emuhost.machine.internal.hmp;

import java.util.Arrays;
import java.util.List;

/** {@code help|? [cmd]}: the help for all commands or for one. */
public final class HelpCommand implements HmpCommand {

    @Override
    public String name() {
        return "help|?";
    }

    @Override
    public String params() {
        return "[cmd]";
    }

    @Override
    public String help() {
        return "show the help";
    }

    @Override
    public HmpOutcome run(String arguments, HmpSession session) {
        List<String> words = arguments.isEmpty() ? List.of() : Arrays.asList(arguments.split("\\s+"));
        HelpDump.dump(session.commands(), words, session.out());
        return HmpOutcome.CONTINUE;
    }
}
