package io.emuhost.machine.internal.config;

import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import java.io.PrintStream;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One {@code memory-backend-file} object per factory configuration of {@value #PID} (e.g. the file
 * {@code deploy/io.emuhost.backend.file-mem1.cfg}), created through the same registry as
 * {@code -object}; deleting the configuration deletes the object ({@code object_del} rules: an
 * object in use stays, with QEMU's message).
 */
@Component(service = {}, configurationPid = FileBackendConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = FileBackendMetatype.class, factory = true)
public final class FileBackendConfiguration {

    /** The factory pid. */
    public static final String PID = "io.emuhost.backend.file";
    /** The QOM type it creates. */
    public static final String TYPE = "memory-backend-file";

    private final Machine machine;
    private final ConfiguredEntry entry;

    /**
     * Creates the object, reporting a bad configuration on standard error.
     *
     * @param machine the machine
     * @param configuration the configuration's properties
     */
    @Activate
    public FileBackendConfiguration(@Reference Machine machine, Map<String, Object> configuration) {
        this(machine, configuration, System.err);
    }

    /**
     * Creates the object.
     *
     * @param machine the machine
     * @param configuration the configuration's properties
     * @param diagnostics where a bad configuration is reported
     */
    public FileBackendConfiguration(Machine machine, Map<String, ?> configuration, PrintStream diagnostics) {
        this.machine = machine;
        this.entry = ConfiguredEntry.create(PID, configuration,
                properties -> machine.addObject(TYPE, properties, Frontend.CONFIGURATION).id(), diagnostics);
    }

    /**
     * Deletes the object when its configuration is deleted or changed.
     *
     * @param reason the DS deactivation reason
     */
    @Deactivate
    public void deactivate(int reason) {
        entry.remove(reason, machine::deleteObject);
    }
}
