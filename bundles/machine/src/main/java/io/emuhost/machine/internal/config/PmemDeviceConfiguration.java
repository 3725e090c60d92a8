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
 * One {@code virtio-pmem-pci} device per factory configuration of {@value #PID} (e.g. the file
 * {@code deploy/io.emuhost.device.virtio.pmem.pci-nv1.cfg}), plugged through the same registry as
 * {@code -device}; deleting the configuration unplugs it as {@code device_del} does. The pid spells
 * the driver with dots because FileInstall splits a file name at its first {@code -} into factory
 * pid and name.
 */
@Component(service = {}, configurationPid = PmemDeviceConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = PmemDeviceMetatype.class, factory = true)
public final class PmemDeviceConfiguration {

    /** The factory pid. */
    public static final String PID = "io.emuhost.device.virtio.pmem.pci";
    /** The driver it plugs. */
    public static final String DRIVER = "virtio-pmem-pci";

    private final Machine machine;
    private final ConfiguredEntry entry;

    /**
     * Plugs the device, reporting a bad configuration on standard error.
     *
     * @param machine the machine
     * @param configuration the configuration's properties
     */
    @Activate
    public PmemDeviceConfiguration(@Reference Machine machine, Map<String, Object> configuration) {
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
    public PmemDeviceConfiguration(Machine machine, Map<String, ?> configuration, PrintStream diagnostics) {
        this.machine = machine;
        this.entry = ConfiguredEntry.create(PID, configuration,
                properties -> {
                    machine.addDevice(DRIVER, properties, Frontend.CONFIGURATION);
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
