package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.ArgumentSpec;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.monitor.CommandSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code bundle_update}, {@code bundle_stop} and {@code bundle_start} share: HMP
 * {@code bundle_x name ...} with QMP twins {@code x-bundle-x}, the bundle named by symbolic name
 * (or id), and a text reply naming what was done.
 */
abstract class BundleChange extends HostCommand {

    final Machine machine;
    final BundleControl bundles;
    private final String done;

    BundleChange(String verb, String done, String hmpParams, String help, List<ArgumentSpec> more, Machine machine,
            BundleControl bundles) {
        super(new CommandSpec(Optional.of("x-bundle-" + verb), Optional.of("bundle_" + verb), false, hmpParams, help,
                arguments(more), false));
        this.machine = machine;
        this.bundles = bundles;
        this.done = done;
    }

    /**
     * The QMP value: the bundle as it is now.
     *
     * @param bundle the bundle as it was
     * @return {@code {"id", "name", "version", "state"}}, and {@code "previous-version"} if the
     *     version changed
     */
    final Object result(InstalledBundle bundle) {
        InstalledBundle now = bundles.bundles().stream().filter(b -> b.id() == bundle.id()).findFirst()
                .orElse(bundle);
        Map<String, Object> value = Json.of("id", now.id(), "name", now.symbolicName(), "version", now.version(),
                "state", now.state());
        if (!now.version().equals(bundle.version())) {
            value.put("previous-version", bundle.version());
        }
        return value;
    }

    /** e.g. {@code updated io.emuhost.virtio-pmem 1.1.0 (was 1.0.0), active}. */
    @Override
    public final String formatHuman(Object result) {
        Map<?, ?> value = Json.object(result);
        String previous = Json.string(value, "previous-version");
        return done + " " + Json.string(value, "name") + " " + Json.string(value, "version")
                + (previous == null ? "" : " (was " + previous + ")") + ", " + Json.string(value, "state") + "\n";
    }

    private static List<ArgumentSpec> arguments(List<ArgumentSpec> more) {
        List<ArgumentSpec> all = new ArrayList<>();
        all.add(required("name", ArgumentType.STRING, "the bundle's symbolic name, or its id"));
        all.addAll(more);
        return all;
    }

    /**
     * @param arguments the command's arguments
     * @return the bundle they name, and every installed bundle
     * @throws ConfigurationException if they name none or several
     */
    final Target target(CommandArguments arguments) throws ConfigurationException {
        List<InstalledBundle> all = bundles.bundles();
        return new Target(BundleRefusals.find(all, arguments.string("name").orElseThrow()), all);
    }

    /** The named bundle and the others. */
    record Target(InstalledBundle bundle, List<InstalledBundle> all) {
    }
}
