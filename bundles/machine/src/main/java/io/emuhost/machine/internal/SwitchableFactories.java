package io.emuhost.machine.internal;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Factories without OSGi that come and go as services do when bundles stop,
 * update or start: a leaving factory is reported while it still works, an arriving one when it
 * is there. For tests and benchmarks of live device upgrade in one JVM.
 */
public final class SwitchableFactories implements Factories {

    private final Map<String, ObjectFactory> objects;
    private final Map<String, DeviceFactory> devices = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<FactoryListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Creates the lookup with fixed object factories and no device factory.
     *
     * @param objects object factories by QOM type
     */
    public SwitchableFactories(Map<String, ObjectFactory> objects) {
        this.objects = new ConcurrentHashMap<>(objects);
    }

    /**
     * An object factory arrives, as when its bundle starts.
     *
     * @param type the QOM type it serves
     * @param factory the factory
     */
    public void arriveObject(String type, ObjectFactory factory) {
        objects.put(type, factory);
        listeners.forEach(listener -> listener.objectFactoryArrived(factory, Set.of(type)));
    }

    /**
     * The object factory of a type leaves, as when its bundle stops.
     *
     * @param type the QOM type
     */
    public void leaveObject(String type) {
        ObjectFactory factory = objects.remove(type);
        listeners.forEach(listener -> listener.objectFactoryLeaving(factory));
    }

    /**
     * A device factory arrives, as when its bundle starts.
     *
     * @param driver the driver it serves
     * @param factory the factory
     */
    public void arrive(String driver, DeviceFactory factory) {
        devices.put(driver, factory);
        listeners.forEach(listener -> listener.deviceFactoryArrived(factory, Set.of(driver)));
    }

    /**
     * The device factory of a driver leaves, as when its bundle stops.
     *
     * @param driver the driver
     */
    public void leave(String driver) {
        DeviceFactory factory = devices.remove(driver);
        listeners.forEach(listener -> listener.deviceFactoryLeaving(factory));
    }

    @Override
    public Optional<ObjectFactory> objectFactory(String type) {
        return Optional.ofNullable(objects.get(type));
    }

    @Override
    public Optional<DeviceFactory> deviceFactory(String driver) {
        return Optional.ofNullable(devices.get(driver));
    }

    @Override
    public SortedSet<String> objectTypes() {
        return new TreeSet<>(objects.keySet());
    }

    @Override
    public SortedSet<String> deviceDrivers() {
        return new TreeSet<>(devices.keySet());
    }

    @Override
    public void watchFactories(FactoryListener listener) {
        listeners.add(listener);
    }

    @Override
    public void unwatchFactories(FactoryListener listener) {
        listeners.remove(listener);
    }
}
