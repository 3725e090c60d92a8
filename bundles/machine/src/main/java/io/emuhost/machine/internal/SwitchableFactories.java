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
 * Factories without OSGi whose device factories come and go as services do when bundles stop,
 * update or start: a leaving factory is reported while it still works, an arriving one when it
 * is there. For tests and benchmarks of live device upgrade in one JVM.
 */
public final class SwitchableFactories implements Factories {

    private final Map<String, ObjectFactory> objects;
    private final Map<String, DeviceFactory> devices = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<DeviceFactoryListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Creates the lookup with fixed object factories and no device factory.
     *
     * @param objects object factories by QOM type
     */
    public SwitchableFactories(Map<String, ObjectFactory> objects) {
        this.objects = Map.copyOf(objects);
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
    public void watchDeviceFactories(DeviceFactoryListener listener) {
        listeners.add(listener);
    }

    @Override
    public void unwatchDeviceFactories(DeviceFactoryListener listener) {
        listeners.remove(listener);
    }
}
