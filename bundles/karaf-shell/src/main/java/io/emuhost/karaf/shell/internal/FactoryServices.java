package io.emuhost.karaf.shell.internal;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.PropertySpec;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The object types and device drivers the registered factories serve, read from their
 * {@link ObjectFactory#TYPE} / {@link DeviceFactory#DRIVER} service properties, as the machine
 * finds them; and the properties a type accepts, for completion and {@code help}.
 */
final class FactoryServices {

    private final BundleContext context;

    /**
     * Reads the registry through a bundle context.
     *
     * @param context the shell bundle's context
     */
    FactoryServices(BundleContext context) {
        this.context = context;
    }

    /**
     * The object types ({@code memory-backend-file}, ...).
     *
     * @return sorted, without duplicates
     */
    List<String> objectTypes() {
        return names(references(ObjectFactory.class, null), ObjectFactory.TYPE);
    }

    /**
     * The device drivers ({@code virtio-pmem-pci}, ...).
     *
     * @return sorted, without duplicates
     */
    List<String> deviceDrivers() {
        return names(references(DeviceFactory.class, null), DeviceFactory.DRIVER);
    }

    /**
     * The properties an object type accepts besides {@code id}.
     *
     * @param type the type
     * @return the properties, empty if no factory serves the type
     */
    List<PropertySpec> objectProperties(String type) {
        return properties(ObjectFactory.class, ObjectFactory.TYPE, type, ObjectFactory::properties);
    }

    /**
     * The properties a device driver accepts besides {@code id}.
     *
     * @param driver the driver
     * @return the properties, empty if no factory serves the driver
     */
    List<PropertySpec> deviceProperties(String driver) {
        return properties(DeviceFactory.class, DeviceFactory.DRIVER, driver, DeviceFactory::properties);
    }

    private <S> List<PropertySpec> properties(Class<S> service, String key, String value,
            Function<S, List<PropertySpec>> read) {
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        Optional<ServiceReference<S>> first = references(service, "(" + key + "=" + escape(value) + ")")
                .stream().sorted(Comparator.reverseOrder()).findFirst();
        if (first.isEmpty()) {
            return List.of();
        }
        S factory = context.getService(first.get());
        if (factory == null) {
            return List.of();
        }
        try {
            return List.copyOf(read.apply(factory));
        } finally {
            context.ungetService(first.get());
        }
    }

    private <S> Collection<ServiceReference<S>> references(Class<S> service, String filter) {
        try {
            return context.getServiceReferences(service, filter);
        } catch (InvalidSyntaxException e) {
            return List.of();
        }
    }

    private static List<String> names(Collection<? extends ServiceReference<?>> references, String key) {
        TreeSet<String> names = new TreeSet<>();
        for (ServiceReference<?> reference : references) {
            if (reference.getProperty(key) instanceof String name) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    /** RFC 1960 filter value escaping. */
    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("(", "\\(").replace(")", "\\)");
    }
}
