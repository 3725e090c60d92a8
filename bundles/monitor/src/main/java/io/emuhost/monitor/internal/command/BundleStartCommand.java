package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.CommandArguments;
import java.util.List;

/**
 * {@code bundle_start name} (HMP) / {@code x-bundle-start} (QMP), as Karaf's {@code bundle:start}:
 * its factories register, and what waits for their types is restored into them.
 */
public final class BundleStartCommand extends BundleChange {

    /**
     * Creates the command.
     *
     * @param machine the machine
     * @param bundles the framework's bundles
     */
    public BundleStartCommand(Machine machine, BundleControl bundles) {
        super("start", "started", "name", "start a bundle", List.of(), machine, bundles);
    }

    @Override
    public Object execute(CommandArguments arguments) throws ConfigurationException {
        Target target = target(arguments);
        bundles.start(target.bundle().id());
        return result(target.bundle());
    }
}
