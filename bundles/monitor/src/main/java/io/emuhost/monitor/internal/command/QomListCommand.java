package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.machine.FactoryCatalogue;
import java.util.List;

/**
 * QMP {@code qom-list}: the properties of the object at a path, each
 * {@code {"name": ..., "type": ...}} (e.g. {@code {"name": "virtio-backend", "type":
 * "child<virtio-pmem>"}}).
 */
public final class QomListCommand extends HostCommand {

    private final QomTree tree;

    /**
     * Creates the command.
     *
     * @param machine the machine
     * @param factories the factories, whose property lists name the properties
     */
    public QomListCommand(Machine machine, FactoryCatalogue factories) {
        super(qmp("qom-list", "list the properties of a QOM object",
                List.of(required("path", ArgumentType.STRING, "the object's path")), false));
        this.tree = new QomTree(machine, factories);
    }

    @Override
    public Object execute(CommandArguments arguments) throws ConfigurationException {
        return tree.resolve(arguments.string("path").orElseThrow(), true).properties().stream()
                .map(p -> Json.of("name", p.name(), "type", p.type())).toList();
    }
}
