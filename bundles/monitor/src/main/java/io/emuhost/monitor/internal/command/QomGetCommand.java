package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.machine.FactoryCatalogue;
import java.util.List;

/**
 * QMP {@code qom-get}: one property of the object at a path, as QEMU returns it (e.g.
 * {@code memdev} → {@code "/objects/mem1"}, {@code disable-legacy} → {@code "on"}).
 */
public final class QomGetCommand extends HostCommand {

    private final QomTree tree;

    /**
     * Creates the command.
     *
     * @param machine the machine
     * @param factories the factories, whose property lists name the properties
     */
    public QomGetCommand(Machine machine, FactoryCatalogue factories) {
        super(qmp("qom-get", "get a property of a QOM object", List.of(
                required("path", ArgumentType.STRING, "the object's path"),
                required("property", ArgumentType.STRING, "the property")), false));
        this.tree = new QomTree(machine, factories);
    }

    @Override
    public Object execute(CommandArguments arguments) throws ConfigurationException {
        return tree.resolve(arguments.string("path").orElseThrow(), false)
                .get(arguments.string("property").orElseThrow());
    }
}
