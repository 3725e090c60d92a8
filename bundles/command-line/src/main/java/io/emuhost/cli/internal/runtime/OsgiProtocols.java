package io.emuhost.cli.internal.runtime;

import io.emuhost.api.frontend.ConnectionProtocol;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/**
 * {@link ConnectionProtocol} services from the OSGi service registry, found by the filter
 * {@code (emuhost.protocol=NAME)}; when several serve a name, the one from the highest bundle
 * version (an updated or newly deployed bundle takes over), then the usual OSGi order (highest
 * ranking, lowest service id) — as the machine chooses among factories. Each lookup sees the
 * registry now; the services are got and released by this bundle's context.
 */
final class OsgiProtocols implements ConnectionProtocols {

    private static final Comparator<ServiceReference<?>> PREFERENCE =
            Comparator.<ServiceReference<?>, Version>comparing(OsgiProtocols::bundleVersion)
                    .thenComparing((a, b) -> a.compareTo(b));

    private final BundleContext context;

    /**
     * Looks protocols up in a bundle's registry view.
     *
     * @param context the command-line bundle's context
     */
    OsgiProtocols(BundleContext context) {
        this.context = context;
    }

    @Override
    public Optional<ConnectionProtocol> protocol(String name) {
        ServiceReference<?>[] references;
        try {
            references = context.getServiceReferences(ConnectionProtocol.class.getName(),
                    "(" + ConnectionProtocol.PROTOCOL + "=" + escaped(name) + ")");
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("protocol name " + name, e);
        } catch (IllegalStateException e) {
            return Optional.empty(); // the bundle is stopping
        }
        if (references == null) {
            return Optional.empty();
        }
        return Arrays.stream(references).max(PREFERENCE).map(this::service);
    }

    private ConnectionProtocol service(ServiceReference<?> reference) {
        // the one use count per service this bundle keeps is dropped by the framework when it stops
        return (ConnectionProtocol) context.getService(reference);
    }

    /** RFC 1960 filter escaping: backslash, parentheses and the star. */
    private static String escaped(String value) {
        return value.replaceAll("([\\\\()*])", "\\\\$1");
    }

    private static Version bundleVersion(ServiceReference<?> reference) {
        Bundle bundle = reference.getBundle();
        return bundle == null ? Version.emptyVersion : bundle.getVersion();
    }
}
