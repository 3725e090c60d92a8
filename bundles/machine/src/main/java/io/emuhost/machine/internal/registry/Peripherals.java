package io.emuhost.machine.internal.registry;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ConfigurationException.ErrorClass;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.machine.FactoryBinding;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.machine.internal.Factories;
import io.emuhost.machine.internal.handover.HandoverFunction;
import io.emuhost.machine.internal.memory.DeviceMemoryArea;
import io.emuhost.machine.internal.memory.PhysicalMemory;
import io.emuhost.machine.internal.pci.PciBus;
import io.emuhost.machine.internal.properties.FrontendProperties;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices of the machine ({@code /machine/peripheral/<id>}, and those without an id):
 * {@code device_add} and {@code device_del} with QEMU 7.2's checks, order and wording, and
 * their live upgrade ({@link DeviceHandover}). Each device sits on the bus behind a
 * {@link HandoverFunction}. Guarded by the registry's lock: every method is called holding it.
 */
final class Peripherals {

    private static final Logger LOG = LoggerFactory.getLogger(Peripherals.class);

    private final Registry registry;
    private final Factories factories;
    private final PhysicalMemory memory;
    private final DeviceMemoryArea area;
    private final PciBus bus;
    private final PrintStream diagnostics;
    private final List<PluggedDevice> devices = new ArrayList<>();
    private final DeviceHandover handover;

    /**
     * @param registry where devices claim their backends
     * @param factories where device factories are found
     * @param memory the guest memory devices map into
     * @param area the device-memory area
     * @param bus the PCI bus devices plug into
     * @param diagnostics where warnings go
     */
    Peripherals(Registry registry, Factories factories, PhysicalMemory memory, DeviceMemoryArea area, PciBus bus,
            PrintStream diagnostics) {
        this.registry = registry;
        this.factories = factories;
        this.memory = memory;
        this.area = area;
        this.bus = bus;
        this.diagnostics = diagnostics;
        this.handover = new DeviceHandover(devices, factories, this::remove);
    }

    /** @return the live-upgrade path of these devices */
    DeviceHandover handover() {
        return handover;
    }

    /** Creates a device and plugs it into the PCI bus; see {@link Registry#addDevice}. */
    Device add(String driver, Map<String, ?> properties, Frontend frontend)
            throws ConfigurationException {
        FrontendProperties machine =
                new FrontendProperties(MachineKeys.only(properties, MachineKeys.DEVICE), frontend, diagnostics);
        FrontendProperties own =
                new FrontendProperties(MachineKeys.without(properties, MachineKeys.DEVICE), frontend, diagnostics);
        Optional<String> id = machine.optionalString("id");
        if (id.isPresent() && !QapiIdentifier.isWellFormed(id.get())) {
            throw new ConfigurationException("Parameter 'id' expects an identifier");
        }
        DeviceFactory factory = factories.deviceFactory(driver).orElseThrow(() -> new ConfigurationException(
                "'" + driver + "' is not a valid device model name"));
        Optional<String> busName = machine.optionalString("bus");
        if (busName.isPresent() && !busName.get().equals(Registry.PCI_BUS_NAME)) {
            throw new ConfigurationException("Bus '" + busName.get() + "' not found");
        }
        if (id.isPresent() && device(id.get()).isPresent()) {
            throw new ConfigurationException("Duplicate device ID '" + id.get() + "'");
        }
        int devfn = PciAddressProperty.devfn(properties.get("addr"), driver);
        for (String key : properties.keySet()) {
            if (!MachineKeys.DEVICE.contains(key) && !MachineKeys.declares(factory.properties(), key)) {
                throw new ConfigurationException("Property '" + driver + "." + key + "' not found");
            }
        }
        DevicePlugContext context = new DevicePlugContext(registry, id, area, memory);
        Device device;
        try {
            device = factory.create(own, context);
        } catch (ConfigurationException | RuntimeException e) {
            context.release();
            throw e;
        }
        HandoverFunction function = new HandoverFunction(id.orElse(driver), device.pciFunction(),
                Registry.HANDOVER_TIMEOUT);
        try {
            bus.plug(function, devfn, driver, id);
        } catch (ConfigurationException | RuntimeException e) {
            context.release();
            device.close();
            throw e;
        }
        Map<String, Object> kept = MachineKeys.without(properties, MachineKeys.DEVICE);
        devices.add(new PluggedDevice(id, driver, kept, frontend, context, function, device, factory));
        return device;
    }

    /** Unplugs and removes a device; see {@link Registry#deleteDevice} for the order. */
    Device delete(String id) throws ConfigurationException {
        PluggedDevice plugged = devices.stream().filter(d -> d.hasId(id)).findFirst()
                .orElseThrow(() -> new ConfigurationException(ErrorClass.DEVICE_NOT_FOUND,
                        "Device '" + id + "' not found"));
        remove(plugged);
        return plugged.device;
    }

    /**
     * Changes properties of a running device; see {@link Registry#setDeviceProperties}. Checked
     * in QEMU's order, each key in turn: declared at all ({@code object_property_find}), then
     * changeable after realize ({@code qdev_prop_set_after_realize}); then the device parses the
     * values, all or nothing.
     */
    void set(String id, Map<String, ?> properties, Frontend frontend) throws ConfigurationException {
        PluggedDevice plugged = devices.stream().filter(d -> d.hasId(id)).findFirst()
                .orElseThrow(() -> new ConfigurationException(ErrorClass.DEVICE_NOT_FOUND,
                        "Device '" + id + "' not found"));
        Set<String> mutable = plugged.device.mutableProperties();
        for (String key : properties.keySet()) {
            boolean declared = MachineKeys.DEVICE.contains(key) || mutable.contains(key)
                    || plugged.factory != null && MachineKeys.declares(plugged.factory.properties(), key);
            if (!declared) {
                throw new ConfigurationException("Property '" + plugged.driver + "." + key + "' not found");
            }
            if (!mutable.contains(key)) {
                throw new ConfigurationException("Attempt to set property '" + key + "' on device '" + id
                        + "' (type '" + plugged.driver + "') after it was realized");
            }
        }
        if (plugged.suspended()) {
            // the device is between two versions of its bundle: a value set now would be lost
            throw new ConfigurationException("Device '" + id + "' is being upgraded, try again");
        }
        plugged.device.setProperties(new FrontendProperties(properties, frontend, diagnostics));
    }

    /** Resets a device's function; see {@link Registry#resetDevice}. */
    void reset(String id) throws ConfigurationException {
        devices.stream().filter(d -> d.hasId(id)).findFirst()
                .orElseThrow(() -> new ConfigurationException(ErrorClass.DEVICE_NOT_FOUND,
                        "Device '" + id + "' not found"))
                .function.reset();
    }

    private void remove(PluggedDevice plugged) {
        devices.remove(plugged);
        Quietly.run(() -> bus.unplug(plugged.function));
        if (!plugged.suspended()) {
            Quietly.run(plugged.device::close);
        }
        Quietly.run(plugged.context::unmapMemory);
        for (MemoryBackend backend : plugged.context.claimedBackends()) {
            flushQuietly(backend);
        }
        plugged.context.release();
    }

    private static void flushQuietly(MemoryBackend backend) {
        if (Registry.MAIN_RAM_TYPE.equals(backend.type())) {
            return; // no file behind it: its flush always fails, like QEMU's fsync(-1)
        }
        try {
            backend.flush();
        } catch (IOException e) {
            LOG.warn("flush of memory backend {} on device removal failed: {}", backend.id(), e.getMessage());
        }
    }

    /** Unplugs and closes every device, newest first, giving back what each took. */
    void closeAll() {
        for (int i = devices.size() - 1; i >= 0; i--) {
            PluggedDevice plugged = devices.get(i);
            Quietly.run(() -> bus.unplug(plugged.function));
            Quietly.run(plugged.context::release);
            if (!plugged.suspended()) {
                Quietly.run(plugged.device::close);
            }
        }
        devices.clear();
    }

    /** @return which bundle serves each device, in plug order */
    List<FactoryBinding> bindings() {
        return devices.stream().map(d -> Bindings.of(d, factories)).toList();
    }

    /** @return the device with the id, or empty */
    Optional<Device> device(String id) {
        return devices.stream().filter(d -> d.hasId(id)).map(d -> d.device).findFirst();
    }
}
