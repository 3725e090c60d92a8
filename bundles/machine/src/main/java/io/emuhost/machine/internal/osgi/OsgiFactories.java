package io.emuhost.machine.internal.osgi;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.machine.internal.FactoryListener;
import io.emuhost.machine.internal.Factories;
import io.emuhost.api.machine.ServingBundle;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
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
        this.objects = new ServiceTracker<>(context, ObjectFactory.class, new FactoryEvents<>(context,
                ObjectFactory.TYPE, FactoryListener::objectFactoryArrived,
                FactoryListener::objectFactoryLeaving));
        this.devices = new ServiceTracker<>(context, DeviceFactory.class, new FactoryEvents<>(context,
                DeviceFactory.DRIVER, FactoryListener::deviceFactoryArrived,
                FactoryListener::deviceFactoryLeaving));
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

    @Override
    public Optional<ServingBundle> servingBundle(Object factory) {
        return ServingBundles.of(factory.getClass());
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

    /** What a listener is told of an arriving factory of one kind, with the names it serves. */
    private interface Arrival<T> {
        void tell(FactoryListener listener, T factory, SortedSet<String> names);
    }

    /**
     * Reports factories of one kind to the listeners: an arriving one as soon as the machine
     * holds it (before lookups find it, so listeners use the factory they are given); a leaving
     * one during its unregistration, while its bundle is still there.
     *
     * @param <T> the factory service type
     */
    private final class FactoryEvents<T> implements ServiceTrackerCustomizer<T, T> {

        private final BundleContext context;
        private final String nameKey;
        private final Arrival<T> arrived;
        private final BiConsumer<FactoryListener, T> leaving;

        FactoryEvents(BundleContext context, String nameKey, Arrival<T> arrived, BiConsumer<FactoryListener, T> leaving) {
            this.context = context;
            this.nameKey = nameKey;
            this.arrived = arrived;
            this.leaving = leaving;
        }

        @Override
        public T addingService(ServiceReference<T> reference) {
            T factory = context.getService(reference);
            if (factory != null) {
                SortedSet<String> names = new TreeSet<>();
                addNames(reference.getProperty(nameKey), names);
                listeners.forEach(listener -> arrived.tell(listener, factory, names));
            }
            return factory;
        }

        @Override
        public void modifiedService(ServiceReference<T> reference, T factory) {
        }

        @Override
        public void removedService(ServiceReference<T> reference, T factory) {
            try {
                if (!frameworkStopping()) {
                    listeners.forEach(listener -> leaving.accept(listener, factory));
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
}
