package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.monitor.CommandSpec;
import java.util.List;
import java.util.Optional;

/**
 * {@code object-del} (QMP) and {@code object_del id} (HMP): removes an unused user object
 * ({@code object 'x' not found}, {@code object 'x' is in use, can not be deleted}).
 */
public final class ObjectDelCommand extends HostCommand {

    private final Machine machine;

    /**
     * Creates the command.
     *
     * @param machine the machine
     */
    public ObjectDelCommand(Machine machine) {
        super(new CommandSpec(Optional.of("object-del"), Optional.of("object_del"), false, "id",
                "destroy QOM object", List.of(required("id", ArgumentType.STRING, "the object's id")), false));
        this.machine = machine;
    }

    @Override
    public Object execute(CommandArguments arguments) throws ConfigurationException {
        machine.deleteObject(arguments.string("id").orElseThrow());
        return null;
    }
}
