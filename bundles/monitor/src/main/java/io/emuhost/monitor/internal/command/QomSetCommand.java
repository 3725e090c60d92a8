package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandArguments;
import java.util.List;
import java.util.Map;

/**
 * QMP {@code qom-set}: changes one property of the object at a path. A device's property goes to
 * the machine ({@link Machine#setDeviceProperties}), which refuses one fixed at creation with
 * QEMU's {@code Attempt to set property 'memdev' on device 'nv1' (type 'virtio-pmem-pci') after
 * it was realized} and lets the device parse the value (e.g. virtio-pmem-pci's
 * {@code flush-ops}). Other objects' properties cannot change here: a backend's say QEMU's
 * {@code cannot change property 'NAME' of TYPE} (reference §1.5), the rest (the type, children)
 * QEMU's {@code Insufficient permission to perform this operation}.
 */
public final class QomSetCommand extends HostCommand {

    private static final String VALUE = "value";

    private final Machine machine;
    private final QomTree tree;

    /**
     * Creates the command.
     *
     * @param machine the machine
     * @param factories the factories, whose property lists name the properties
     */
    public QomSetCommand(Machine machine, FactoryCatalogue factories) {
        // the value is any JSON value: declared as the extra members, of which it must be the only one
        super(qmp("qom-set", "set a property of a QOM object", List.of(
                required("path", ArgumentType.STRING, "the object's path"),
                required("property", ArgumentType.STRING, "the property")), true));
        this.machine = machine;
        this.tree = new QomTree(machine, factories);
    }

    @Override
    public Object execute(CommandArguments arguments) throws ConfigurationException {
        Map<String, Object> extra = arguments.extra();
        if (!extra.containsKey(VALUE)) {
            throw new ConfigurationException("Parameter '" + VALUE + "' is missing");
        }
        for (String key : extra.keySet()) {
            if (!key.equals(VALUE)) {
                throw new ConfigurationException("Parameter '" + key + "' is unexpected");
            }
        }
        String path = arguments.string("path").orElseThrow();
        String property = arguments.string("property").orElseThrow();
        List<String> absolute = tree.absolute(path);
        if (absolute.size() == 3 && absolute.get(0).equals("machine") && absolute.get(1).equals("peripheral")) {
            machine.setDeviceProperties(absolute.get(2), Map.of(property, extra.get(VALUE)), Frontend.QMP);
            return null;
        }
        QomNode node = tree.resolve(path, false);
        boolean known = node.properties().stream().anyMatch(p -> p.name().equals(property));
        if (!known) {
            throw new ConfigurationException("Property '" + node.typeName() + "." + property + "' not found");
        }
        if (absolute.size() == 2 && absolute.get(0).equals("objects") && !property.equals("type")) {
            throw new ConfigurationException("cannot change property '" + property + "' of " + node.typeName());
        }
        throw new ConfigurationException("Insufficient permission to perform this operation");
    }
}
