package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.syntax.KeyvalException;
import io.emuhost.syntax.KeyvalOptions;
import io.emuhost.syntax.KeyvalParser;
import io.emuhost.syntax.KeyvalSyntax;
import io.emuhost.syntax.help.ObjectHelp;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * HMP {@code object_add [qom-type=]type,id=str[,prop=value][,...]}: the rest of the line in keyval
 * syntax (QEMU 7.2's {@code object:S} argument and {@code user_creatable_add_from_str}; a bare
 * boolean key is an error here). {@code help} lists the types or a type's properties.
 */
public final class ObjectAddHmpCommand extends HostCommand {

    private static final String TYPE_KEY = "qom-type";

    private final Machine machine;
    private final FactoryCatalogue factories;

    /**
     * Creates the command.
     *
     * @param machine the machine
     * @param factories the factories, for {@code help}
     */
    public ObjectAddHmpCommand(Machine machine, FactoryCatalogue factories) {
        super(new CommandSpec(Optional.empty(), Optional.of("object_add"), false,
                "[qom-type=]type,id=str[,prop=value][,...]", "create QOM object",
                List.of(required("object", ArgumentType.REST, "the object, as for -object")), false));
        this.machine = machine;
        this.factories = factories;
    }

    @Override
    public Object execute(CommandArguments arguments) throws ConfigurationException {
        KeyvalOptions options;
        try {
            options = KeyvalParser.parse(arguments.string("object").orElseThrow(), TYPE_KEY, KeyvalSyntax.KEYVAL);
        } catch (KeyvalException e) {
            throw new ConfigurationException(e.getMessage());
        }
        Optional<String> type = options.get(TYPE_KEY);
        if (options.helpWanted()) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
            if (type.isEmpty() || !ObjectHelp.printProperties(factories, type.get(), out)) {
                ObjectHelp.printTypes(factories, out);
            }
            return text.toString(StandardCharsets.UTF_8);
        }
        if (type.isEmpty()) {
            throw new ConfigurationException("Parameter '" + TYPE_KEY + "' is missing");
        }
        machine.addObject(type.get(), options.without(TYPE_KEY), Frontend.HMP);
        return null;
    }
}
