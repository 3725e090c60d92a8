package io.emuhost.machine.internal.osgi;

import io.emuhost.api.machine.ServingBundle;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleRevisions;
import org.osgi.framework.wiring.BundleWiring;

/**
 * The bundle a factory's class comes from, with the version of the very revision that defined it:
 * after {@code Bundle.update} and before a refresh, an object still made by the old revision's
 * classes reports the old version, not the bundle's new one.
 */
final class ServingBundles {

    private ServingBundles() {
    }

    /**
     * @param type a factory's class
     * @return its bundle and revision version, or empty if no bundle defined it
     */
    static Optional<ServingBundle> of(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        if (bundle == null) {
            return Optional.empty();
        }
        String version = bundle.getVersion().toString();
        BundleRevisions revisions = bundle.adapt(BundleRevisions.class);
        if (revisions != null) {
            for (BundleRevision revision : revisions.getRevisions()) {
                BundleWiring wiring = revision.getWiring();
                if (wiring != null && wiring.getClassLoader() == type.getClassLoader()) {
                    version = revision.getVersion().toString();
                }
            }
        }
        return Optional.of(new ServingBundle(bundle.getBundleId(), bundle.getSymbolicName(), version));
    }
}
