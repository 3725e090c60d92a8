package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandArguments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * QMP {@code object-add} (QEMU 7.2's flat {@code ObjectOptions}): {@code qom-type}, {@code id}
 * and the type's properties as further members, passed on as typed JSON values, so the machine
 * reports e.g. {@code Parameter 'size' expects uint64} for a string size.
 */
public final class ObjectAddQmpCommand extends HostCommand {

    private final Machine machine;

    /**
     * Creates the command.
     *
     * @param machine the machine
     */
    public ObjectAddQmpCommand(Machine machine) {
        super(qmp("object-add", "create a QOM object", List.of(
                required("qom-type", ArgumentType.STRING, "the object's type"),
                required("id", ArgumentType.STRING, "the object's id")), true));
        this.machine = machine;
    }

    @Override
    public Object execute(CommandArguments arguments) throws ConfigurationException {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("id", arguments.string("id").orElseThrow());
        properties.putAll(arguments.extra());
        machine.addObject(arguments.string("qom-type").orElseThrow(), properties, Frontend.QMP);
        return null;
    }
}
