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
 * One user object per factory configuration of {@value #PID} (e.g. the file
 * {@code deploy/io.emuhost.object-mem1.cfg}): its {@value #TYPE_KEY} names the QOM type, as in
 * QMP's {@code object-add}, and the other keys are the object's properties. Created through the
 * same registry as {@code -object}, whatever bundle serves the type; deleting the configuration
 * deletes the object ({@code object_del} rules: an object in use stays, with QEMU's message).
 */
@Component(service = {}, configurationPid = ObjectConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = ObjectMetatype.class, factory = true)
public final class ObjectConfiguration {

    /** The factory pid. */
    public static final String PID = "io.emuhost.object";
    /** The key naming the type (QMP object-add's). */
    public static final String TYPE_KEY = "qom-type";

    private final Machine machine;
    private final ConfiguredEntry entry;

    /**
     * Creates the object, reporting a bad configuration on standard error.
     *
     * @param machine the machine
     * @param configuration the configuration's properties
     */
    @Activate
    public ObjectConfiguration(@Reference Machine machine, Map<String, Object> configuration) {
        this(machine, configuration, System.err);
    }

    /**
     * Creates the object.
     *
     * @param machine the machine
     * @param configuration the configuration's properties
     * @param diagnostics where a bad configuration is reported
     */
    public ObjectConfiguration(Machine machine, Map<String, ?> configuration, PrintStream diagnostics) {
        this.machine = machine;
        this.entry = ConfiguredEntry.create(PID, configuration, properties -> {
            String type = ConfiguredEntry.takeType(properties, TYPE_KEY);
            return machine.addObject(type, properties, Frontend.CONFIGURATION).id();
        }, diagnostics);
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
