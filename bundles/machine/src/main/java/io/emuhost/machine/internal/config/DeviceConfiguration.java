package io.emuhost.machine.internal.config;

import io.emuhost.api.device.Device;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One device per factory configuration of {@value #PID} (e.g. the file
 * {@code deploy/io.emuhost.device-nv1.cfg}): its {@value #DRIVER_KEY} names the driver, as in
 * QMP's {@code device_add}, and the other keys are the device's properties. Plugged through the
 * same registry as {@code -device}, whatever bundle serves the driver; deleting the configuration
 * unplugs it as {@code device_del} does.
 *
 * <p>An update that only changes properties the running device can change
 * ({@link Device#mutableProperties()}, e.g. virtio-pmem-pci's {@code flush-ops}) changes them in
 * place, as {@code qom-set} does: the device stays plugged and the guest sees nothing. Any other
 * update (another driver or id, a fixed property changed, a key added or removed but for a
 * changeable one added) unplugs the device and plugs it anew, since QEMU fixes those properties
 * at realize.
 */
@Component(service = {}, configurationPid = DeviceConfiguration.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = DeviceMetatype.class, factory = true)
public final class DeviceConfiguration {

    /** The factory pid. */
    public static final String PID = "io.emuhost.device";
    /** The key naming the driver (QMP device_add's). */
    public static final String DRIVER_KEY = "driver";

    private final Machine machine;
    private final PrintStream diagnostics;
    private ConfiguredEntry entry;
    /** The user's keys the device has now; guarded by SCR's serialisation of this component. */
    private Map<String, Object> applied;

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
        this.diagnostics = diagnostics;
        plug(configuration);
    }

    private void plug(Map<String, ?> configuration) {
        applied = ConfiguredEntry.userProperties(configuration);
        entry = ConfiguredEntry.create(PID, configuration, properties -> {
            String driver = ConfiguredEntry.takeType(properties, DRIVER_KEY);
            machine.addDevice(driver, properties, Frontend.CONFIGURATION);
            Object id = properties.get("id");
            return id == null ? null : id.toString();
        }, diagnostics);
    }

    /**
     * Applies an updated configuration: in place when only changeable properties differ, else
     * by unplugging and plugging the device again. A bad value is reported and changes nothing.
     *
     * @param configuration the configuration's new properties
     */
    @Modified
    public void modified(Map<String, Object> configuration) {
        Map<String, Object> next = ConfiguredEntry.userProperties(configuration);
        Optional<Map<String, Object>> inPlace = changesInPlace(next);
        if (inPlace.isPresent()) {
            if (inPlace.get().isEmpty()
                    || entry.change(id -> machine.setDeviceProperties(id, inPlace.get(), Frontend.CONFIGURATION))) {
                applied = next;
            }
            return;
        }
        entry.remove(ConfiguredEntry.REASON_CONFIGURATION_MODIFIED, machine::deleteDevice);
        plug(configuration);
    }

    /** The keys to set on the running device, or empty if the update needs a new device. */
    private Optional<Map<String, Object>> changesInPlace(Map<String, Object> next) {
        if (entry.createdId() == null || !next.keySet().containsAll(applied.keySet())) {
            return Optional.empty();
        }
        Set<String> mutable = machine.device(entry.createdId()).map(Device::mutableProperties).orElse(Set.of());
        Map<String, Object> changed = new LinkedHashMap<>();
        for (Map.Entry<String, Object> key : next.entrySet()) {
            if (!Objects.equals(key.getValue(), applied.get(key.getKey())) || !applied.containsKey(key.getKey())) {
                if (!mutable.contains(key.getKey())) {
                    return Optional.empty();
                }
                changed.put(key.getKey(), key.getValue());
            }
        }
        return Optional.of(changed);
    }

    /**
     * Unplugs the device when its configuration is deleted (or, from SCR without
     * {@link #modified}, changed).
     *
     * @param reason the DS deactivation reason
     */
    @Deactivate
    public void deactivate(int reason) {
        entry.remove(reason, machine::deleteDevice);
    }
}
