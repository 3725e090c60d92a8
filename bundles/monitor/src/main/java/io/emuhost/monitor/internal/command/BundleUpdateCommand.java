package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandArguments;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code bundle_update name [file]} (HMP) / {@code x-bundle-update} (QMP, {@code name},
 * optional {@code file}), as Karaf's {@code bundle:update}: {@code Bundle.update} from the jar (or
 * from the bundle's location) and a refresh; the bundle's live devices and objects are handed
 * over to the new revision. Refused when the jar is another bundle (its symbolic name differs),
 * and when something would be lost ({@link BundleRefusals#update}). Any version may replace the
 * running one here, as in Karaf: the operator names the jar.
 */
public final class BundleUpdateCommand extends BundleChange {

    /**
     * Creates the command.
     *
     * @param machine the machine
     * @param bundles the framework's bundles
     */
    public BundleUpdateCommand(Machine machine, BundleControl bundles) {
        super("update", "updated", "name [file]", "update a bundle from a jar, handing its devices over to the new version",
                List.of(optional("file", ArgumentType.STRING, "the new bundle jar; default: the bundle's location")),
                machine, bundles);
    }

    @Override
    public Object execute(CommandArguments arguments) throws ConfigurationException {
        Target target = target(arguments);
        InstalledBundle bundle = target.bundle();
        Optional<Path> jar = arguments.string("file").map(Path::of);
        if (jar.isPresent()) {
            BundleControl.JarIdentity identity = bundles.identify(jar.get());
            if (!identity.symbolicName().equals(bundle.symbolicName())) {
                throw new ConfigurationException(jar.get() + " is bundle " + identity.symbolicName() + " "
                        + identity.version() + ", not " + bundle.symbolicName());
            }
        }
        String refusal = BundleRefusals.update(bundle, target.all(), machine.factoryBindings()).orElse(null);
        if (refusal != null) {
            throw new ConfigurationException(refusal);
        }
        bundles.update(bundle.id(), jar);
        return result(bundle);
    }
}
