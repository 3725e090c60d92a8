package io.emuhost.machine.internal.registry;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ConfigurationException.ErrorClass;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.UserObject;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.machine.internal.FactoryListener;
import io.emuhost.machine.internal.Factories;
import io.emuhost.machine.internal.handover.BackendHandle;
import io.emuhost.machine.internal.handover.HandoverFunction;
import io.emuhost.machine.internal.handover.LayoutMismatchException;
import io.emuhost.machine.internal.memory.DeviceMemoryArea;
import io.emuhost.machine.internal.memory.PhysicalMemory;
import io.emuhost.machine.internal.pci.PciBus;
import io.emuhost.machine.internal.properties.FrontendProperties;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The objects ({@code /objects/<id>}) and devices ({@code /machine/peripheral/<id>}) of the
 * machine, created through one path whatever the front end, with QEMU 7.2's checks, order and
 * wording. Every change and query is serialized on the registry.
 *
 * <p>Live device upgrade: each device sits on the bus behind a {@link HandoverFunction}. When the
 * factory that made a device goes away, the registry holds the guest's accesses, has the device
 * save its state ({@link Device#suspend()}) and keeps the device's slot, range and backend; when
 * a factory of the same driver is there (another version, or the same bundle back), the device
 * is restored into it ({@link DeviceFactory#restore}) and the held accesses continue there.
 * Memory backends sit behind a {@link BackendHandle} the same way: another version of their
 * factory adopts their mapping and descriptor ({@link ObjectFactory#restore}), and the devices
 * over them keep the handle.
 */
public final class Registry implements FactoryListener {

    /** The id of the machine's main RAM backend. */
    public static final String MAIN_RAM_ID = "pc.ram";
    /** The QOM type of the main RAM backend. */
    public static final String MAIN_RAM_TYPE = "memory-backend-ram";
    /** The only bus devices can be plugged into. */
    public static final String PCI_BUS_NAME = "pci.0";

    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
    private static final Set<String> OBJECT_KEYS = Set.of("qom-type", "id");
    private static final Set<String> DEVICE_KEYS = Set.of("driver", "id", "bus", "addr");
    /**
     * How long a guest read waits for a device, and a flush for a backend, being handed over (a
     * bundle update takes milliseconds).
     */
    private static final Duration HANDOVER_TIMEOUT = Duration.ofSeconds(5);
    /** Restoring re-reads the properties; their warnings were printed when the device was created. */
    private static final PrintStream SILENT = new PrintStream(OutputStream.nullOutputStream());

    private final Factories factories;
    private final PhysicalMemory memory;
    private final DeviceMemoryArea area;
    private final PciBus bus;
    private final PrintStream diagnostics;
    private final Map<String, UserObject> objects = new LinkedHashMap<>();
    private final Map<String, CreatedObject> origins = new LinkedHashMap<>();
    private final Set<MemoryBackend> busy = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<PluggedDevice> devices = new ArrayList<>();

    /**
     * Creates an empty registry.
     *
     * @param factories where object and device factories are found
     * @param memory the guest memory devices map into
     * @param area the device-memory area
     * @param bus the PCI bus devices plug into
     * @param diagnostics where warnings go
     */
    public Registry(Factories factories, PhysicalMemory memory, DeviceMemoryArea area, PciBus bus,
            PrintStream diagnostics) {
        this.factories = factories;
        this.memory = memory;
        this.area = area;
        this.bus = bus;
        this.diagnostics = diagnostics;
    }

    /**
     * Creates the main RAM, object {@code pc.ram} of type {@code memory-backend-ram}, in use by the
     * machine from the start.
     *
     * @param size the RAM size
     * @return the backend
     * @throws ConfigurationException if the type is not available or the RAM cannot be allocated
     */
    public synchronized MemoryBackend createMainRam(long size) throws ConfigurationException {
        UserObject ram = addObject(MAIN_RAM_TYPE, Map.of("id", MAIN_RAM_ID, "size", size), Frontend.CONFIGURATION);
        if (!(ram instanceof MemoryBackend backend)) {
            objects.remove(MAIN_RAM_ID);
            origins.remove(MAIN_RAM_ID);
            ram.close();
            throw new ConfigurationException(MAIN_RAM_TYPE + " made an object that is no memory backend");
        }
        busy.add(backend);
        return backend;
    }

    /**
     * Creates a user object.
     *
     * @param type the QOM type
     * @param properties the properties, with {@code id}
     * @param frontend the front end
     * @return the object
     * @throws ConfigurationException with QEMU's wording; nothing was created
     */
    public synchronized UserObject addObject(String type, Map<String, ?> properties, Frontend frontend)
            throws ConfigurationException {
        ObjectFactory factory = factories.objectFactory(type).orElseThrow(() -> new ConfigurationException(
                "Parameter 'qom-type' does not accept value '" + type + "'"));
        FrontendProperties machine = new FrontendProperties(only(properties, OBJECT_KEYS), frontend, diagnostics);
        FrontendProperties own = new FrontendProperties(without(properties, OBJECT_KEYS), frontend, diagnostics);
        String id = machine.string("id");
        rejectUnknownKeys(properties.keySet(), OBJECT_KEYS, factory.properties(), frontend);
        if (!QapiIdentifier.isWellFormed(id)) {
            throw new ConfigurationException("Parameter 'id' expects an identifier");
        }
        if (objects.containsKey(id)) {
            throw new ConfigurationException("attempt to add duplicate property '" + id
                    + "' to object (type 'container')");
        }
        UserObject created = factory.create(id, own);
        UserObject object = created instanceof MemoryBackend backend ? new BackendHandle(backend, HANDOVER_TIMEOUT)
                : created;
        objects.put(id, object);
        origins.put(id, new CreatedObject(type, without(properties, OBJECT_KEYS), frontend, factory));
        return object;
    }

    /**
     * Creates a device and plugs it into the PCI bus.
     *
     * @param driver the device model
     * @param properties the properties
     * @param frontend the front end
     * @return the device
     * @throws ConfigurationException with QEMU's wording; nothing was created
     */
    public synchronized Device addDevice(String driver, Map<String, ?> properties, Frontend frontend)
            throws ConfigurationException {
        FrontendProperties machine = new FrontendProperties(only(properties, DEVICE_KEYS), frontend, diagnostics);
        FrontendProperties own = new FrontendProperties(without(properties, DEVICE_KEYS), frontend, diagnostics);
        Optional<String> id = machine.optionalString("id");
        if (id.isPresent() && !QapiIdentifier.isWellFormed(id.get())) {
            throw new ConfigurationException("Parameter 'id' expects an identifier");
        }
        DeviceFactory factory = factories.deviceFactory(driver).orElseThrow(() -> new ConfigurationException(
                "'" + driver + "' is not a valid device model name"));
        Optional<String> busName = machine.optionalString("bus");
        if (busName.isPresent() && !busName.get().equals(PCI_BUS_NAME)) {
            throw new ConfigurationException("Bus '" + busName.get() + "' not found");
        }
        if (id.isPresent() && device(id.get()).isPresent()) {
            throw new ConfigurationException("Duplicate device ID '" + id.get() + "'");
        }
        int devfn = PciAddressProperty.devfn(properties.get("addr"), driver);
        for (String key : properties.keySet()) {
            if (!DEVICE_KEYS.contains(key) && !declares(factory.properties(), key)) {
                throw new ConfigurationException("Property '" + driver + "." + key + "' not found");
            }
        }
        DevicePlugContext context = new DevicePlugContext(this, id, area, memory);
        Device device;
        try {
            device = factory.create(own, context);
        } catch (ConfigurationException | RuntimeException e) {
            context.release();
            throw e;
        }
        HandoverFunction function = new HandoverFunction(id.orElse(driver), device.pciFunction(),
                HANDOVER_TIMEOUT);
        try {
            bus.plug(function, devfn, driver, id);
        } catch (ConfigurationException | RuntimeException e) {
            context.release();
            device.close();
            throw e;
        }
        devices.add(new PluggedDevice(id, driver, without(properties, DEVICE_KEYS), frontend, context, function,
                device, factory));
        return device;
    }

    /**
     * Unplugs and removes a device ({@code device_del}), in this order: the function leaves the bus
     * (its BARs stop decoding; the device answers what the guest made available before and sends
     * nothing more), the device closes, its memory-device ranges leave guest memory (after
     * accesses in flight finished), each backend it held is flushed and its busy mark cleared.
     * Afterwards the id, the PCI slot and the address range can be used again.
     *
     * @param id the device id
     * @return the removed device
     * @throws ConfigurationException {@code Device 'x' not found} (DeviceNotFound)
     */
    public synchronized Device deleteDevice(String id) throws ConfigurationException {
        PluggedDevice plugged = devices.stream().filter(d -> d.hasId(id)).findFirst()
                .orElseThrow(() -> new ConfigurationException(ErrorClass.DEVICE_NOT_FOUND,
                        "Device '" + id + "' not found"));
        remove(plugged);
        return plugged.device;
    }

    /**
     * Resets a device's function ({@code Machine.resetDevice}).
     *
     * @param id the device id
     * @throws ConfigurationException {@code Device 'x' not found} (DeviceNotFound)
     */
    public synchronized void resetDevice(String id) throws ConfigurationException {
        devices.stream().filter(d -> d.hasId(id)).findFirst()
                .orElseThrow(() -> new ConfigurationException(ErrorClass.DEVICE_NOT_FOUND,
                        "Device '" + id + "' not found"))
                .function.reset();
    }

    private void remove(PluggedDevice plugged) {
        devices.remove(plugged);
        quietly(() -> bus.unplug(plugged.function));
        if (!plugged.suspended()) {
            quietly(plugged.device::close);
        }
        quietly(plugged.context::unmapMemory);
        for (MemoryBackend backend : plugged.context.claimedBackends()) {
            flushQuietly(backend);
        }
        plugged.context.release();
    }

    /**
     * Suspends the devices the factory made, keeping them in place, and restores them into
     * another factory of their driver if one is there.
     */
    @Override
    public synchronized void deviceFactoryLeaving(DeviceFactory factory) {
        for (PluggedDevice plugged : List.copyOf(devices)) {
            if (plugged.factory == factory) {
                suspend(plugged);
            }
        }
        for (PluggedDevice plugged : List.copyOf(devices)) {
            if (plugged.suspended()) {
                factories.deviceFactory(plugged.driver).filter(other -> other != factory)
                        .ifPresent(other -> restore(plugged, other));
            }
        }
    }

    /** Restores the suspended devices of the factory's drivers into it. */
    @Override
    public synchronized void deviceFactoryArrived(DeviceFactory factory, Set<String> drivers) {
        for (PluggedDevice plugged : devices) {
            if (plugged.suspended() && drivers.contains(plugged.driver)) {
                restore(plugged, factory);
            }
        }
    }

    /**
     * Holds the guest's accesses and has the device save its state. A device that cannot be
     * handed over is removed, as {@code device_del} would.
     */
    private void suspend(PluggedDevice plugged) {
        PciFunction held = plugged.function.hold();
        Optional<DeviceState> state;
        try {
            state = plugged.device.suspend();
        } catch (RuntimeException e) {
            LOG.warn("{}: saving the device's state failed", plugged.name(), e);
            state = Optional.empty();
        }
        if (state.isPresent()) {
            plugged.saved = state.get();
            plugged.factory = null;
            LOG.info("{}: suspended, its factory is going away; guest accesses are held", plugged.name());
            return;
        }
        LOG.warn("{}: its factory is going away and the device cannot be handed over: removed", plugged.name());
        plugged.function.release(held);
        remove(plugged);
    }

    /** Restores a suspended device into a factory; on failure it stays suspended for the next one. */
    private void restore(PluggedDevice plugged, DeviceFactory factory) {
        FrontendProperties properties = new FrontendProperties(plugged.properties, plugged.frontend, SILENT);
        Device restored;
        try {
            restored = factory.restore(properties, plugged.context, plugged.saved);
        } catch (ConfigurationException | StateException | RuntimeException e) {
            LOG.warn("{}: cannot be restored into {}: {}", plugged.name(), factory, e.getMessage());
            return;
        }
        try {
            plugged.function.resume(restored.pciFunction());
        } catch (LayoutMismatchException | RuntimeException e) {
            LOG.warn("{}: cannot be restored into {}: {}", plugged.name(), factory, e.getMessage());
            quietly(restored::close);
            return;
        }
        plugged.device = restored;
        plugged.factory = factory;
        plugged.saved = null;
        LOG.info("{}: restored, guest accesses continue", plugged.name());
    }

    /**
     * Removes a user object ({@code object_del}): closing a memory backend makes it durable
     * (unless {@code discard-data}) and unmaps it.
     *
     * @param id the object id
     * @throws ConfigurationException {@code object 'x' not found}; {@code object 'x' is in use,
     *     can not be deleted} for the main RAM and backends a device holds
     */
    public synchronized void deleteObject(String id) throws ConfigurationException {
        UserObject object = objects.get(id);
        if (object == null) {
            throw new ConfigurationException("object '" + id + "' not found");
        }
        // backends/hostmem.c host_memory_backend_can_be_deleted: not while mapped
        if (object instanceof MemoryBackend backend && (busy.contains(backend) || MAIN_RAM_ID.equals(id))) {
            throw new ConfigurationException("object '" + id + "' is in use, can not be deleted");
        }
        if (origins.get(id).suspended()) {
            throw new ConfigurationException("object '" + id + "' is being handed over to another version of its"
                    + " bundle, can not be deleted");
        }
        objects.remove(id);
        origins.remove(id);
        object.close();
    }

    private static void flushQuietly(MemoryBackend backend) {
        if (MAIN_RAM_TYPE.equals(backend.type())) {
            return; // no file behind it: its flush always fails, like QEMU's fsync(-1)
        }
        try {
            backend.flush();
        } catch (IOException e) {
            LOG.warn("flush of memory backend {} on device removal failed: {}", backend.id(), e.getMessage());
        }
    }

    private static void rejectUnknownKeys(Set<String> keys, Set<String> machineKeys, List<PropertySpec> specs,
            Frontend frontend) throws ConfigurationException {
        for (String key : keys) {
            if (!machineKeys.contains(key) && !declares(specs, key)) {
                throw new ConfigurationException(frontend == Frontend.COMMAND_LINE
                        ? "Invalid parameter '" + key + "'"
                        : "Parameter '" + key + "' is unexpected");
            }
        }
    }

    private static boolean declares(List<PropertySpec> specs, String key) {
        return specs.stream().anyMatch(spec -> spec.name().equals(key));
    }

    private static Map<String, Object> without(Map<String, ?> properties, Set<String> keys) {
        Map<String, Object> rest = new LinkedHashMap<>(properties);
        rest.keySet().removeAll(keys);
        return rest;
    }

    private static Map<String, Object> only(Map<String, ?> properties, Set<String> keys) {
        Map<String, Object> selected = new LinkedHashMap<>(properties);
        selected.keySet().retainAll(keys);
        return selected;
    }

    /** Marks a backend busy for a device (PlugContext.claimBackend). */
    synchronized MemoryBackend claimBackend(String id) throws ConfigurationException {
        if (!(objects.get(id) instanceof MemoryBackend backend)) {
            throw new ConfigurationException(ErrorClass.DEVICE_NOT_FOUND, "Device '" + id + "' not found");
        }
        if (!busy.add(backend)) {
            throw new ConfigurationException("can't use already busy memdev: " + id);
        }
        return backend;
    }

    synchronized void releaseBackend(MemoryBackend backend) {
        busy.remove(backend);
    }

    /**
     * Looks up an object.
     *
     * @param id the id
     * @return the object, or empty
     */
    public synchronized Optional<UserObject> object(String id) {
        return Optional.ofNullable(objects.get(id));
    }

    /**
     * Looks up a device.
     *
     * @param id the id
     * @return the device, or empty
     */
    public synchronized Optional<Device> device(String id) {
        return devices.stream().filter(d -> d.hasId(id)).map(d -> d.device).findFirst();
    }

    /**
     * The memory backends: user objects in creation order, then the main RAM.
     *
     * @return their descriptions
     */
    public synchronized List<MemdevInfo> memdevs() {
        List<MemdevInfo> infos = new ArrayList<>();
        MemoryBackend ram = null;
        for (UserObject object : objects.values()) {
            if (object instanceof MemoryBackend backend) {
                if (MAIN_RAM_ID.equals(backend.id())) {
                    ram = backend;
                } else {
                    infos.add(backend.info());
                }
            }
        }
        if (ram != null) {
            infos.add(ram.info());
        }
        return infos;
    }

    /** Unplugs and closes every device, newest first, giving back what each took. */
    public synchronized void closeDevices() {
        for (int i = devices.size() - 1; i >= 0; i--) {
            PluggedDevice plugged = devices.get(i);
            quietly(() -> bus.unplug(plugged.function));
            quietly(plugged.context::release);
            if (!plugged.suspended()) {
                quietly(plugged.device::close);
            }
        }
        devices.clear();
    }

    /**
     * Closes every object, newest first, so the main RAM goes last. The guest must not use them
     * any more. An object waiting to be adopted owns nothing to close.
     */
    public synchronized void closeObjects() {
        List<String> ids = new ArrayList<>(objects.keySet());
        for (int i = ids.size() - 1; i >= 0; i--) {
            String id = ids.get(i);
            if (origins.get(id).suspended()) {
                LOG.warn("{}: closed while waiting for its factory; its memory stays mapped until the process ends", id);
            } else {
                quietly(objects.get(id)::close);
            }
        }
        objects.clear();
        origins.clear();
        busy.clear();
    }

    /**
     * Hands the objects the factory made over: backends to the next version of their factory
     * (their memory stays mapped and in use meanwhile), other objects the same way if they can,
     * else they are closed.
     */
    @Override
    public synchronized void objectFactoryLeaving(ObjectFactory factory) {
        for (String id : List.copyOf(origins.keySet())) {
            if (origins.get(id).factory == factory) {
                suspendObject(id, origins.get(id));
            }
        }
        for (Map.Entry<String, CreatedObject> origin : List.copyOf(origins.entrySet())) {
            if (origin.getValue().suspended()) {
                factories.objectFactory(origin.getValue().type).filter(other -> other != factory)
                        .ifPresent(other -> restoreObject(origin.getKey(), origin.getValue(), other));
            }
        }
    }

    /** Lets the arriving factory adopt the objects of its types that wait for one. */
    @Override
    public synchronized void objectFactoryArrived(ObjectFactory factory, Set<String> types) {
        for (Map.Entry<String, CreatedObject> origin : List.copyOf(origins.entrySet())) {
            if (origin.getValue().suspended() && types.contains(origin.getValue().type)) {
                restoreObject(origin.getKey(), origin.getValue(), factory);
            }
        }
    }

    private void suspendObject(String id, CreatedObject origin) {
        UserObject object = objects.get(id);
        origin.factory = null;
        if (object instanceof BackendHandle handle) {
            MemoryBackend held = handle.hold();
            Optional<DeviceState> state = suspendQuietly(id, held::suspend);
            if (state.isEmpty()) {
                handle.release(held);
                LOG.warn("{}: its factory is going away and it cannot be handed over: it stays mapped and in use"
                        + " with the code of the version that made it", id);
                return;
            }
            handle.suspended();
            origin.saved = state.get();
            LOG.info("{}: handed over, waiting for a factory of {}; its memory stays mapped", id, origin.type);
            return;
        }
        Optional<DeviceState> state = suspendQuietly(id, object::suspend);
        if (state.isPresent()) {
            origin.saved = state.get();
            return;
        }
        objects.remove(id);
        origins.remove(id);
        quietly(object::close);
        LOG.info("{}: closed, its factory is going away", id);
    }

    private static Optional<DeviceState> suspendQuietly(String id, Supplier<Optional<DeviceState>> suspend) {
        try {
            return suspend.get();
        } catch (RuntimeException e) {
            LOG.warn("{}: saving its state failed", id, e);
            return Optional.empty();
        }
    }

    private void restoreObject(String id, CreatedObject origin, ObjectFactory factory) {
        FrontendProperties properties = new FrontendProperties(origin.properties, origin.frontend, SILENT);
        UserObject adopted;
        try {
            adopted = factory.restore(id, properties, origin.saved);
        } catch (ConfigurationException | StateException | RuntimeException e) {
            LOG.warn("{}: cannot be adopted by {}: {}", id, factory, e.getMessage());
            return;
        }
        UserObject object = objects.get(id);
        if (object instanceof BackendHandle handle) {
            if (!(adopted instanceof MemoryBackend backend)) {
                LOG.warn("{}: {} adopted it as no memory backend: {}", id, factory, adopted);
                return;
            }
            try {
                handle.resume(backend);
            } catch (IllegalArgumentException e) {
                LOG.warn("{}: {}", id, e.getMessage());
                return;
            }
        } else {
            objects.put(id, adopted);
        }
        origin.factory = factory;
        origin.saved = null;
        LOG.info("{}: adopted by a factory of {}", id, origin.type);
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.warn("unplug or shutdown step failed", e);
        }
    }
}
