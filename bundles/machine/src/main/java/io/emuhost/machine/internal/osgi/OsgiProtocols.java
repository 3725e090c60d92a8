package io.emuhost.machine.internal.osgi;

import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.machine.internal.ConnectionProtocols;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * {@link ConnectionProtocol} services from the OSGi service registry, keyed by
 * {@value ConnectionProtocol#PROTOCOL}; the newest bundle version serves a name, as for factories
 * ({@link NewestService}). Tracking starts in the constructor and stops in {@link #close()}.
 */
public final class OsgiProtocols implements ConnectionProtocols, AutoCloseable {

    private final ServiceTracker<ConnectionProtocol, ConnectionProtocol> protocols;

    /**
     * Starts tracking the protocol services.
     *
     * @param context the machine bundle's context
     */
    public OsgiProtocols(BundleContext context) {
        this.protocols = new ServiceTracker<>(context, ConnectionProtocol.class, null);
        protocols.open();
    }

    @Override
    public Optional<ConnectionProtocol> protocol(String name) {
        ServiceReference<ConnectionProtocol>[] references = protocols.getServiceReferences();
        ServiceReference<ConnectionProtocol> best = null;
        if (references != null) {
            for (ServiceReference<ConnectionProtocol> reference : references) {
                if (NewestService.serves(reference.getProperty(ConnectionProtocol.PROTOCOL), name)
                        && (best == null || NewestService.PREFERENCE.compare(reference, best) > 0)) {
                    best = reference;
                }
            }
        }
        return best == null ? Optional.empty() : Optional.ofNullable(protocols.getService(best));
    }

    /** Stops tracking. */
    @Override
    public void close() {
        protocols.close();
    }
}
