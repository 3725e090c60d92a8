package io.emuhost.machine.internal;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** Factories from fixed maps, for tests and for assembling a machine without OSGi. */
public final class StaticFactories implements Factories {

    private final Map<String, ObjectFactory> objects;
    private final Map<String, DeviceFactory> devices;

    /**
     * Creates the lookup.
     *
     * @param objects object factories by QOM type
     * @param devices device factories by driver name
     */
    public StaticFactories(Map<String, ObjectFactory> objects, Map<String, DeviceFactory> devices) {
        this.objects = Map.copyOf(objects);
        this.devices = Map.copyOf(devices);
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
        return Collections.unmodifiableSortedSet(new TreeSet<>(objects.keySet()));
    }

    @Override
    public SortedSet<String> deviceDrivers() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(devices.keySet()));
    }
}
