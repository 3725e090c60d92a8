package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.FactoryBinding;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which bundle a name means, and why stopping or updating it would lose something the guest or
 * the user holds. What a bundle's going away does is the machine's live upgrade
 * (docs/architecture.md, "Live device upgrade"): a device or object whose factory leaves is
 * suspended and restored into another factory of its type, at once if one is there, else when
 * one comes; one whose factory cannot restore ({@link FactoryBinding#handsOver()} false) is closed.
 * So a stop loses what only the stopped bundle's factories (or factories that use its services,
 * as virtio-pmem uses virtio-transport's) serve, and an update loses only what cannot be handed
 * over; stopping or updating the machine loses everything.
 */
final class BundleRefusals {

    private BundleRefusals() {
    }

    /**
     * Finds a bundle by symbolic name or by id.
     *
     * @param bundles the installed bundles
     * @param name a symbolic name, or a bundle id in decimal
     * @return the one bundle it names
     * @throws ConfigurationException if none or several have it
     */
    static InstalledBundle find(List<InstalledBundle> bundles, String name) throws ConfigurationException {
        List<InstalledBundle> named = bundles.stream()
                .filter(b -> b.symbolicName().equals(name) || String.valueOf(b.id()).equals(name)).toList();
        if (named.isEmpty()) {
            throw new ConfigurationException("no bundle '" + name + "' is installed (info bundles lists them)");
        }
        if (named.size() > 1) {
            throw new ConfigurationException("several bundles are named '" + name + "' ("
                    + named.stream().map(b -> b.version() + " is bundle " + b.id()).collect(Collectors.joining(", "))
                    + "); give the bundle id");
        }
        return named.get(0);
    }

    /**
     * Why stopping a bundle would lose something, if it would.
     *
     * @param target the bundle
     * @param bundles every installed bundle
     * @param bindings what serves each object and device now
     * @return the refusal, or empty if nothing is lost
     */
    static Optional<String> stop(InstalledBundle target, List<InstalledBundle> bundles, List<FactoryBinding> bindings) {
        return refusal("stopping", target, bundles, bindings, true);
    }

    /**
     * Why updating a bundle would lose something, if it would.
     *
     * @param target the bundle
     * @param bundles every installed bundle
     * @param bindings what serves each object and device now
     * @return the refusal, or empty if nothing is lost
     */
    static Optional<String> update(InstalledBundle target, List<InstalledBundle> bundles,
            List<FactoryBinding> bindings) {
        return refusal("updating", target, bundles, bindings, false);
    }

    private static Optional<String> refusal(String doing, InstalledBundle target, List<InstalledBundle> bundles,
            List<FactoryBinding> bindings, boolean gone) {
        if (target.id() == 0) {
            return Optional.of("bundle 0 is the OSGi framework itself; use quit to stop emuhost");
        }
        if (target.thisMonitor()) {
            return Optional.of(target.label() + " runs this monitor: " + doing + " it from here would end this"
                    + " session; drop the new jar into the deploy directory instead");
        }
        if (target.runsMachine() && !bindings.isEmpty()) {
            return Optional.of(doing + " " + target.label() + " would close the machine and "
                    + bindings.stream().map(BundleRefusals::describe).collect(Collectors.joining(", ")));
        }
        Set<Long> affected = affected(target, bundles);
        List<String> lost = new ArrayList<>();
        for (FactoryBinding binding : bindings) {
            if (binding.bundle().isEmpty() || !affected.contains(binding.bundle().get().bundleId())) {
                continue;
            }
            if (!binding.handsOver()) {
                lost.add("it would close " + describe(binding) + ": " + binding.type()
                        + " cannot be handed over to another version");
            } else if (gone && !servedElsewhere(binding.type(), affected, bundles)) {
                lost.add("it would leave " + describe(binding) + " without a factory: no other bundle serves "
                        + binding.type() + " (install a newer version first, or "
                        + (binding.kind() == FactoryBinding.Kind.DEVICE ? "device_del " : "object_del ")
                        + binding.name() + ")");
            }
        }
        if (lost.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("not " + doing + " " + target.label() + ": " + String.join("; ", lost));
    }

    /** The target, and every factory bundle that uses one of its services (a mandatory reference goes with it). */
    private static Set<Long> affected(InstalledBundle target, List<InstalledBundle> bundles) {
        Set<Long> affected = new HashSet<>(Set.of(target.id()));
        for (InstalledBundle bundle : bundles) {
            if (!bundle.factoryTypes().isEmpty() && bundle.uses().contains(target.id())) {
                affected.add(bundle.id());
            }
        }
        return affected;
    }

    private static boolean servedElsewhere(String type, Set<Long> affected, List<InstalledBundle> bundles) {
        return bundles.stream().anyMatch(b -> !affected.contains(b.id()) && b.active()
                && b.factoryTypes().contains(type));
    }

    /** @return e.g. {@code device 'nv1' (virtio-pmem-pci)} */
    static String describe(FactoryBinding binding) {
        return binding.kind().name().toLowerCase(Locale.ROOT) + " '" + binding.name() + "' (" + binding.type() + ")";
    }
}
