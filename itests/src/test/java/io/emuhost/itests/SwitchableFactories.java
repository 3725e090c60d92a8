package io.emuhost.itests;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.machine.internal.DeviceFactoryListener;
import io.emuhost.machine.internal.Factories;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Device factories that come and go as services do when bundles stop, update or start: a leaving
 * factory is reported while it still works, an arriving one when it is there.
 */
final class SwitchableFactories implements Factories {

    private final Map<String, ObjectFactory> objects;
    private final Map<String, DeviceFactory> devices = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<DeviceFactoryListener> listeners = new CopyOnWriteArrayList<>();

    SwitchableFactories(Map<String, ObjectFactory> objects) {
        this.objects = Map.copyOf(objects);
    }

    /** The factory's bundle started. */
    void arrive(String driver, DeviceFactory factory) {
        devices.put(driver, factory);
        listeners.forEach(listener -> listener.deviceFactoryArrived(factory, Set.of(driver)));
    }

    /** The factory's bundle stops. */
    void leave(String driver) {
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
