package io.emuhost.remote.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.UserObject;
import java.util.List;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The {@code memory-backend-file} factory service as it is at each use. x-remote-object maps
 * QEMU's guest RAM with it, and must outlive an upgrade of memory-backend-file (QEMU's guest would
 * lose its device if the remote object went with the factory), so it looks the service up when it
 * maps instead of binding one for its whole life. Tracking starts in the constructor and stops
 * in {@link #close()}.
 */
final class TrackedFileBackends implements ObjectFactory, AutoCloseable {

    private static final String FILTER = "(&(" + org.osgi.framework.Constants.OBJECTCLASS + "="
            + ObjectFactory.class.getName() + ")(" + ObjectFactory.TYPE + "=memory-backend-file))";

    private final ServiceTracker<ObjectFactory, ObjectFactory> tracker;

    TrackedFileBackends(BundleContext context) throws InvalidSyntaxException {
        this.tracker = new ServiceTracker<>(context, context.createFilter(FILTER), null);
        tracker.open();
    }

    @Override
    public List<PropertySpec> properties() {
        ObjectFactory factory = tracker.getService();
        return factory == null ? List.of() : factory.properties();
    }

    /**
     * Creates a backend with the factory there now.
     *
     * @throws ConfigurationException also when memory-backend-file is not there (its bundle is
     *     stopped or being updated)
     */
    @Override
    public UserObject create(String id, Properties properties) throws ConfigurationException {
        ObjectFactory factory = tracker.getService();
        if (factory == null) {
            throw new ConfigurationException("memory-backend-file is not available (its bundle is not started):"
                    + " cannot map guest RAM " + id);
        }
        return factory.create(id, properties);
    }

    @Override
    public void close() {
        tracker.close();
    }
}
