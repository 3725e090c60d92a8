package io.emuhost.machine.internal.registry;

import io.emuhost.api.device.ConfigurationException.ErrorClass;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.UserObject;
import io.emuhost.api.machine.FactoryBinding;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.machine.internal.Factories;
import io.emuhost.machine.internal.FactoryListener;
import io.emuhost.machine.internal.handover.BackendHandle;
import io.emuhost.machine.internal.handover.HandoverFunction;
import io.emuhost.machine.internal.memory.DeviceMemoryArea;
import io.emuhost.machine.internal.memory.PhysicalMemory;
import io.emuhost.machine.internal.pci.PciBus;
import io.emuhost.machine.internal.properties.FrontendProperties;
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
import java.util.function.Consumer;
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
 *
 * <p>The parts: the objects are kept here; the devices by {@link Peripherals}; the two upgrade
 * paths are {@link ObjectHandover} and {@link DeviceHandover}, on the shape they share
 * ({@link FactoryHandover}). They are guarded by this registry's lock.
 */
public final class Registry implements FactoryListener {

    /** The id of the machine's main RAM backend. */
    public static final String MAIN_RAM_ID = "pc.ram";
    /** The QOM type of the main RAM backend. */
    public static final String MAIN_RAM_TYPE = "memory-backend-ram";
    /** The only bus devices can be plugged into. */
    public static final String PCI_BUS_NAME = "pci.0";

    private static final Logger LOG = LoggerFactory.getLogger(Registry.class);
    /**
     * How long a guest read waits for a device, and a flush for a backend, being handed over (a
     * bundle update takes milliseconds).
     */
    static final Duration HANDOVER_TIMEOUT = Duration.ofSeconds(5);

    private final Factories factories;
    private final PrintStream diagnostics;
    private final Map<String, UserObject> objects = new LinkedHashMap<>();
    private final Map<String, CreatedObject> origins = new LinkedHashMap<>();
    private final Set<MemoryBackend> busy = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Peripherals peripherals;
    private final ObjectHandover objectHandover;

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
        this.diagnostics = diagnostics;
        this.peripherals = new Peripherals(this, factories, memory, area, bus, diagnostics);
        this.objectHandover = new ObjectHandover(objects, origins, factories);
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
        FrontendProperties machine =
                new FrontendProperties(MachineKeys.only(properties, MachineKeys.OBJECT), frontend, diagnostics);
        FrontendProperties own =
                new FrontendProperties(MachineKeys.without(properties, MachineKeys.OBJECT), frontend, diagnostics);
        String id = machine.string("id");
        MachineKeys.rejectUnknown(properties.keySet(), MachineKeys.OBJECT, factory.properties(), frontend);
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
        origins.put(id, new CreatedObject(id, type, MachineKeys.without(properties, MachineKeys.OBJECT), frontend,
                factory));
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
        return peripherals.add(driver, properties, frontend);
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
        return peripherals.delete(id);
    }

    /**
     * Changes properties of a running device ({@code Machine.setDeviceProperties}).
     *
     * @param id the device id
     * @param properties name to new value
     * @param frontend the front end
     * @throws ConfigurationException with QEMU's wording; nothing changed
     */
    public synchronized void setDeviceProperties(String id, Map<String, ?> properties, Frontend frontend)
            throws ConfigurationException {
        peripherals.set(id, properties, frontend);
    }

    /**
     * Resets a device's function ({@code Machine.resetDevice}).
     *
     * @param id the device id
     * @throws ConfigurationException {@code Device 'x' not found} (DeviceNotFound)
     */
    public synchronized void resetDevice(String id) throws ConfigurationException {
        peripherals.reset(id);
    }

    /**
     * Suspends the devices the factory made, keeping them in place, and restores them into
     * another factory of their driver if one is there ({@link DeviceHandover}).
     */
    @Override
    public synchronized void deviceFactoryLeaving(DeviceFactory factory) {
        peripherals.handover().leaving(factory);
    }

    /** Restores the suspended devices of the factory's drivers into it. */
    @Override
    public synchronized void deviceFactoryArrived(DeviceFactory factory, Set<String> drivers) {
        peripherals.handover().arrived(factory, drivers);
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
        return peripherals.device(id);
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

    /**
     * Which bundle serves each object and device now.
     *
     * @return objects in creation order, then devices in plug order
     */
    public synchronized List<FactoryBinding> factoryBindings() {
        List<FactoryBinding> bindings = new ArrayList<>();
        origins.values().forEach(origin -> bindings.add(Bindings.of(origin, factories)));
        bindings.addAll(peripherals.bindings());
        return bindings;
    }

    /** Unplugs and closes every device, newest first, giving back what each took. */
    public synchronized void closeDevices() {
        peripherals.closeAll();
    }

    /**
     * Closes every object, newest first, so the main RAM goes last. The guest must not use them
     * any more. An object waiting to be adopted owns nothing to close.
     */
    public void closeObjects() {
        endObjects(UserObject::close);
    }

    /** As {@link #closeObjects()}, undoing what creating them made: the start they belong to failed. */
    public void abandonObjects() {
        endObjects(UserObject::abandon);
    }

    private synchronized void endObjects(Consumer<UserObject> end) {
        List<String> ids = new ArrayList<>(objects.keySet());
        for (int i = ids.size() - 1; i >= 0; i--) {
            String id = ids.get(i);
            if (origins.get(id).suspended()) {
                LOG.warn("{}: closed while waiting for its factory; its memory stays mapped until the process ends", id);
            } else {
                UserObject object = objects.get(id);
                Quietly.run(() -> end.accept(object));
            }
        }
        objects.clear();
        origins.clear();
        busy.clear();
    }

    /**
     * Hands the objects the factory made over: backends to the next version of their factory
     * (their memory stays mapped and in use meanwhile), other objects the same way if they can,
     * else they are closed ({@link ObjectHandover}).
     */
    @Override
    public synchronized void objectFactoryLeaving(ObjectFactory factory) {
        objectHandover.leaving(factory);
    }

    /** Lets the arriving factory adopt the objects of its types that wait for one. */
    @Override
    public synchronized void objectFactoryArrived(ObjectFactory factory, Set<String> types) {
        objectHandover.arrived(factory, types);
    }
}
