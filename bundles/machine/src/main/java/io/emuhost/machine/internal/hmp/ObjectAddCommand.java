package io.emuhost.machine.internal.hmp;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Frontend;
import io.emuhost.machine.internal.cli.KeyvalException;
import io.emuhost.machine.internal.cli.KeyvalOptions;
import io.emuhost.machine.internal.cli.KeyvalParser;
import io.emuhost.machine.internal.cli.KeyvalSyntax;
import io.emuhost.machine.internal.cli.ObjectHelp;
import java.util.Optional;

/**
 * {@code object_add [qom-type=]type,id=str[,prop=value][,...]}: the rest of the line in keyval
 * syntax (QEMU 7.2 {@code user_creatable_add_from_str}; a bare boolean key is an error here).
 */
public final class ObjectAddCommand implements HmpCommand {

    private static final String TYPE_KEY = "qom-type";

    @Override
    public String name() {
        return "object_add";
    }

    @Override
    public String params() {
        return "[qom-type=]type,id=str[,prop=value][,...]";
    }

    @Override
    public String help() {
        return "create QOM object";
    }

    @Override
    public HmpOutcome run(String arguments, HmpSession session) throws ConfigurationException {
        if (arguments.isEmpty()) {
            session.out().println(name() + ": string expected");
            return HmpOutcome.CONTINUE;
        }
        KeyvalOptions options;
        try {
            options = KeyvalParser.parse(arguments, TYPE_KEY, KeyvalSyntax.KEYVAL);
        } catch (KeyvalException e) {
            throw new ConfigurationException(e.getMessage());
        }
        Optional<String> type = options.get(TYPE_KEY);
        if (options.helpWanted()) {
            if (type.isEmpty() || !ObjectHelp.printProperties(session.factories(), type.get(), session.out())) {
                ObjectHelp.printTypes(session.factories(), session.out());
            }
            return HmpOutcome.CONTINUE;
        }
        if (type.isEmpty()) {
            throw new ConfigurationException("Parameter '" + TYPE_KEY + "' is missing");
        }
        session.machine().addObject(type.get(), options.without(TYPE_KEY), Frontend.HMP);
        return HmpOutcome.CONTINUE;
    }
}
