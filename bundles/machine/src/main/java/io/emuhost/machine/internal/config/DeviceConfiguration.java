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
 * One device per factory configuration of {@value #PID} (e.g. the file
 * {@code deploy/io.emuhost.device-nv1.cfg}): its {@value #DRIVER_KEY} names the driver, as in
 * QMP's {@code device_add}, and the other keys are the device's properties. Plugged through the
 * same registry as {@code -device}, whatever bundle serves the driver; deleting the configuration
 * unplugs it as {@code device_del} does.
 */
@Component(service = {}, configurationPid = DeviceConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DeviceMetatype.class, factory = true)
public final class DeviceConfiguration {

    /** The factory pid. */
    public static final String PID = "io.emuhost.device";
    /** The key naming the driver (QMP device_add's). */
    public static final String DRIVER_KEY = "driver";

    private final Machine machine;
    private final ConfiguredEntry entry;

    /**
     * Plugs the device, reporting a bad configuration on standard error.
     *
     * @param machine the machine
     * @param configuration the configuration's properties
     */
    @Activate
    public DeviceConfiguration(@Reference Machine machine, Map<String, Object> configuration) {
        this(machine, configuration, System.err);
    }

    /**
     * Plugs the device. A configuration without {@code id} plugs an anonymous device, which then
     * cannot be unplugged by deleting the configuration ({@code device_del} needs an id).
     *
     * @param machine the machine
     * @param configuration the configuration's properties
     * @param diagnostics where a bad configuration is reported
     */
    public DeviceConfiguration(Machine machine, Map<String, ?> configuration, PrintStream diagnostics) {
        this.machine = machine;
        this.entry = ConfiguredEntry.create(PID, configuration, properties -> {
            String driver = ConfiguredEntry.takeType(properties, DRIVER_KEY);
            machine.addDevice(driver, properties, Frontend.CONFIGURATION);
            Object id = properties.get("id");
            return id == null ? null : id.toString();
        }, diagnostics);
    }

    /**
     * Unplugs the device when its configuration is deleted or changed.
     *
     * @param reason the DS deactivation reason
     */
    @Deactivate
    public void deactivate(int reason) {
        entry.remove(reason, machine::deleteDevice);
    }
}
