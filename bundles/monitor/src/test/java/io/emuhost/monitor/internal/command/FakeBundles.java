package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Installed bundles from a list; records the changes asked of it, and updates to a fixed version. */
final class FakeBundles implements BundleControl {

    final List<InstalledBundle> bundles = new ArrayList<>();
    final List<String> calls = new ArrayList<>();
    final Map<Path, JarIdentity> jars;
    String updatedVersion = "1.1.0";

    FakeBundles(Map<Path, JarIdentity> jars, InstalledBundle... installed) {
        this.jars = jars;
        bundles.addAll(List.of(installed));
    }

    static InstalledBundle bundle(long id, String name, String version, Set<String> types, Set<Long> uses) {
        return new InstalledBundle(id, name, version, "active", "emuhost:bundles/" + name + ".jar", types, uses,
                false, false);
    }

    @Override
    public List<InstalledBundle> bundles() {
        return List.copyOf(bundles);
    }

    @Override
    public JarIdentity identify(Path jar) throws ConfigurationException {
        JarIdentity identity = jars.get(jar);
        if (identity == null) {
            throw new ConfigurationException("cannot read " + jar);
        }
        return identity;
    }

    @Override
    public void update(long id, Optional<Path> jar) {
        calls.add("update " + id + " " + jar.map(Path::toString).orElse("-"));
        bundles.replaceAll(b -> b.id() != id ? b : new InstalledBundle(b.id(), b.symbolicName(), updatedVersion,
                b.state(), b.location(), b.factoryTypes(), b.uses(), b.runsMachine(), b.thisMonitor()));
    }

    @Override
    public void stop(long id) {
        calls.add("stop " + id);
    }

    @Override
    public void start(long id) {
        calls.add("start " + id);
    }
}
