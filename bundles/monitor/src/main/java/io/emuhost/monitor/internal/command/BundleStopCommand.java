package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.CommandArguments;
import java.util.List;

/**
 * {@code bundle_stop name} (HMP) / {@code x-bundle-stop} (QMP), as Karaf's {@code bundle:stop}:
 * refused, with what would be lost, when a device or object would be left without any factory
 * or closed ({@link BundleRefusals#stop}); otherwise its devices are suspended and handed over to
 * another bundle serving their types.
 */
public final class BundleStopCommand extends BundleChange {

    /**
     * Creates the command.
     *
     * @param machine the machine
     * @param bundles the framework's bundles
     */
    public BundleStopCommand(Machine machine, BundleControl bundles) {
        super("stop", "stopped", "name", "stop a bundle (refused where a device or object would be lost)", List.of(), machine,
                bundles);
    }

    @Override
    public Object execute(CommandArguments arguments) throws ConfigurationException {
        Target target = target(arguments);
        String refusal = BundleRefusals.stop(target.bundle(), target.all(), machine.factoryBindings()).orElse(null);
        if (refusal != null) {
            throw new ConfigurationException(refusal);
        }
        bundles.stop(target.bundle().id());
        return result(target.bundle());
    }
}
