package io.emuhost.machine.internal.osgi;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.machine.internal.FactoryListener;
import io.emuhost.machine.internal.Factories;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * Factories from the OSGi service registry: {@link ObjectFactory} services keyed by
 * {@value ObjectFactory#TYPE}, {@link DeviceFactory} services keyed by
 * {@value DeviceFactory#DRIVER}. Each lookup sees the services registered now; when several
 * serve one name, the one from the highest bundle version wins, then the highest service ranking.
 * Factories coming and going are reported to the {@link FactoryListener}s, a leaving one while
 * it still works (its bundle is stopping) — but not while the whole framework stops: then the
 * machine is about to close what the factories made, and nothing is handed over. Tracking starts in the constructor and stops
 * in {@link #close()}.
 */
public final class OsgiFactories implements Factories, AutoCloseable {

    private final ServiceTracker<ObjectFactory, ObjectFactory> objects;
    private final ServiceTracker<DeviceFactory, DeviceFactory> devices;
    private final List<FactoryListener> listeners = new CopyOnWriteArrayList<>();
    private final Bundle framework;

    /**
     * Starts tracking the factory services.
     *
     * @param context the machine bundle's context
     */
    public OsgiFactories(BundleContext context) {
        this.framework = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION);
        this.objects = new ServiceTracker<>(context, ObjectFactory.class, new ObjectFactoryEvents(context));
        this.devices = new ServiceTracker<>(context, DeviceFactory.class, new DeviceFactoryEvents(context));
        objects.open();
        devices.open();
    }

    @Override
    public Optional<ObjectFactory> objectFactory(String type) {
        return preferred(objects, ObjectFactory.TYPE, type);
    }

    @Override
    public Optional<DeviceFactory> deviceFactory(String driver) {
        return preferred(devices, DeviceFactory.DRIVER, driver);
    }

    @Override
    public SortedSet<String> objectTypes() {
        return names(objects, ObjectFactory.TYPE);
    }

    @Override
    public SortedSet<String> deviceDrivers() {
        return names(devices, DeviceFactory.DRIVER);
    }

    @Override
    public void watchFactories(FactoryListener listener) {
        listeners.add(listener);
    }

    @Override
    public void unwatchFactories(FactoryListener listener) {
        listeners.remove(listener);
    }

    private boolean frameworkStopping() {
        return framework != null && framework.getState() == Bundle.STOPPING;
    }

    private static <T> Optional<T> preferred(ServiceTracker<T, T> tracker, String key, String name) {
        ServiceReference<T>[] references = tracker.getServiceReferences();
        ServiceReference<T> best = null;
        if (references != null) {
            for (ServiceReference<T> reference : references) {
                if (NewestService.serves(reference.getProperty(key), name)
                        && (best == null || NewestService.PREFERENCE.compare(reference, best) > 0)) {
                    best = reference;
                }
            }
        }
        return best == null ? Optional.empty() : Optional.ofNullable(tracker.getService(best));
    }

    private static <T> SortedSet<String> names(ServiceTracker<T, T> tracker, String key) {
        SortedSet<String> names = new TreeSet<>();
        ServiceReference<T>[] references = tracker.getServiceReferences();
        if (references != null) {
            for (ServiceReference<T> reference : references) {
                addNames(reference.getProperty(key), names);
            }
        }
        return Collections.unmodifiableSortedSet(names);
    }

    private static void addNames(Object property, SortedSet<String> names) {
        if (property instanceof String s) {
            names.add(s);
        } else if (property instanceof String[] array) {
            Collections.addAll(names, array);
        } else if (property instanceof Collection<?> collection) {
            collection.forEach(value -> names.add(String.valueOf(value)));
        }
    }

    /**
     * Reports device factories to the listeners: an arriving one as soon as the machine holds it
     * (before lookups find it, so listeners use the factory they are given); a leaving one
     * during its unregistration, while its bundle is still there.
     */
    private final class DeviceFactoryEvents implements ServiceTrackerCustomizer<DeviceFactory, DeviceFactory> {

        private final BundleContext context;

        DeviceFactoryEvents(BundleContext context) {
            this.context = context;
        }

        @Override
        public DeviceFactory addingService(ServiceReference<DeviceFactory> reference) {
            DeviceFactory factory = context.getService(reference);
            if (factory != null) {
                SortedSet<String> drivers = new TreeSet<>();
                addNames(reference.getProperty(DeviceFactory.DRIVER), drivers);
                listeners.forEach(listener -> listener.deviceFactoryArrived(factory, drivers));
            }
            return factory;
        }

        @Override
        public void modifiedService(ServiceReference<DeviceFactory> reference, DeviceFactory factory) {
        }

        @Override
        public void removedService(ServiceReference<DeviceFactory> reference, DeviceFactory factory) {
            try {
                if (!frameworkStopping()) {
                    listeners.forEach(listener -> listener.deviceFactoryLeaving(factory));
                }
            } finally {
                context.ungetService(reference);
            }
        }
    }

    /** Stops tracking. */
    @Override
    public void close() {
        devices.close();
        objects.close();
    }

    /** Reports object factories to the listeners, as {@link DeviceFactoryEvents} does devices. */
    private final class ObjectFactoryEvents implements ServiceTrackerCustomizer<ObjectFactory, ObjectFactory> {

        private final BundleContext context;

        ObjectFactoryEvents(BundleContext context) {
            this.context = context;
        }

        @Override
        public ObjectFactory addingService(ServiceReference<ObjectFactory> reference) {
            ObjectFactory factory = context.getService(reference);
            if (factory != null) {
                SortedSet<String> types = new TreeSet<>();
                addNames(reference.getProperty(ObjectFactory.TYPE), types);
                listeners.forEach(listener -> listener.objectFactoryArrived(factory, types));
            }
            return factory;
        }

        @Override
        public void modifiedService(ServiceReference<ObjectFactory> reference, ObjectFactory factory) {
        }

        @Override
        public void removedService(ServiceReference<ObjectFactory> reference, ObjectFactory factory) {
            try {
                if (!frameworkStopping()) {
                    listeners.forEach(listener -> listener.objectFactoryLeaving(factory));
                }
            } finally {
                context.ungetService(reference);
            }
        }
    }
}
