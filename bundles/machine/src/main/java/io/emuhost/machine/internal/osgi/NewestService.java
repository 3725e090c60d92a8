package io.emuhost.machine.internal.osgi;

import java.util.Collection;
import java.util.Comparator;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.Version;

/**
 * Which of several services for one type serves it: the one from the highest bundle version
 * (an upgraded or newly dropped-in bundle takes over), then the usual OSGi order (highest
 * service ranking, then lowest service id).
 */
final class NewestService {

    /** Orders references so that the preferred one is greatest. */
    static final Comparator<ServiceReference<?>> PREFERENCE =
            Comparator.<ServiceReference<?>, Version>comparing(NewestService::bundleVersion)
                    .thenComparing((a, b) -> a.compareTo(b));

    private NewestService() {
    }

    /**
     * Whether a service property names a type (a string, or an array or collection of strings).
     *
     * @param property the property value
     * @param type the type
     * @return true if the service serves the type
     */
    static boolean serves(Object property, String type) {
        if (property instanceof String s) {
            return s.equals(type);
        }
        if (property instanceof String[] array) {
            for (String s : array) {
                if (type.equals(s)) {
                    return true;
                }
            }
            return false;
        }
        if (property instanceof Collection<?> collection) {
            return collection.contains(type);
        }
        return false;
    }

    private static Version bundleVersion(ServiceReference<?> reference) {
        Bundle bundle = reference.getBundle();
        return bundle == null ? Version.emptyVersion : bundle.getVersion();
    }
}
