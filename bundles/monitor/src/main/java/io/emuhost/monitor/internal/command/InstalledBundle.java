package io.emuhost.monitor.internal.command;

import java.util.Set;

/**
 * One bundle of the framework as the bundle commands judge it.
 *
 * @param id the bundle id; 0 is the framework itself
 * @param symbolicName {@code Bundle-SymbolicName}
 * @param version the bundle's version
 * @param state {@code installed}, {@code resolved}, {@code starting}, {@code active} or {@code stopping}
 * @param location where it was installed from ({@code emuhost:bundles/...} inside emuhost.jar,
 *     {@code file:...} from the deploy directory)
 * @param factoryTypes the QOM types and drivers of the object and device factories it registers
 * @param uses the ids of the bundles whose services it uses now
 * @param runsMachine whether it registers the {@code Machine} service (the machine bundle)
 * @param thisMonitor whether it is the bundle of the monitor the command runs in
 */
public record InstalledBundle(long id, String symbolicName, String version, String state, String location,
        Set<String> factoryTypes, Set<Long> uses, boolean runsMachine, boolean thisMonitor) {

    /**
     * Copies the sets.
     *
     * @param id id
     * @param symbolicName symbolic name
     * @param version version
     * @param state state
     * @param location location
     * @param factoryTypes factory types
     * @param uses used bundles
     * @param runsMachine machine bundle
     * @param thisMonitor this monitor's bundle
     */
    public InstalledBundle {
        factoryTypes = Set.copyOf(factoryTypes);
        uses = Set.copyOf(uses);
    }

    /** @return e.g. {@code io.emuhost.virtio-pmem 1.0.0}, for messages */
    String label() {
        return symbolicName + " " + version;
    }

    /** @return whether it is active, so its factories are registered */
    boolean active() {
        return "active".equals(state);
    }
}
