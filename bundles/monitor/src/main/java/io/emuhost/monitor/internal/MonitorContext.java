package io.emuhost.monitor.internal;

import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.MonitorEvents;
import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.monitor.internal.command.BundleControl;
import io.emuhost.monitor.internal.hmp.VmStatus;
import java.io.PrintStream;
import java.util.Optional;

/**
 * What the host's own monitor commands work with.
 *
 * @param machine the machine every command goes through
 * @param factories the factories, for {@code object_add help} and {@code device_add help}
 * @param events where {@code quit} emits {@code SHUTDOWN}
 * @param diagnostics where HMP parse warnings go, as QEMU prints them on stderr (the stream the
 *     machine warns on)
 * @param status the run state ({@code info status}, {@code query-status})
 * @param version the emuhost version ({@code info version})
 * @param name the {@code -name} guest name, if given ({@code info name}, {@code query-name})
 * @param bundles the framework's bundles ({@code info bundles}, {@code bundle_update} ...)
 */
public record MonitorContext(Machine machine, FactoryCatalogue factories, MonitorEvents events, PrintStream diagnostics,
        VmStatus status, String version, Optional<String> name, BundleControl bundles) {

    /**
     * A context without a framework: the bundle commands see no bundles.
     *
     * @param machine machine
     * @param factories factories
     * @param events events
     * @param diagnostics diagnostics
     * @param status status
     * @param version version
     * @param name name
     */
    public MonitorContext(Machine machine, FactoryCatalogue factories, MonitorEvents events, PrintStream diagnostics,
            VmStatus status, String version, Optional<String> name) {
        this(machine, factories, events, diagnostics, status, version, name, BundleControl.NONE);
    }
}
