package io.emuhost.machine.internal;

import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.api.machine.ServingBundle;
import java.util.Optional;

/**
 * Where the machine finds factories by QEMU type name, and hears of them coming and going. In
 * OSGi this is backed by the service registry (the newest version of a type wins) and published
 * as the api's {@link FactoryCatalogue}; tests back it by a map.
 */
public interface Factories extends FactoryCatalogue {

    /**
     * Starts telling a listener when factories come and go. Lookups are fixed in tests,
     * so by default nothing is ever told.
     *
     * @param listener the listener
     */
    default void watchFactories(FactoryListener listener) {
    }

    /**
     * Stops telling a listener.
     *
     * @param listener the listener
     */
    default void unwatchFactories(FactoryListener listener) {
    }

    /**
     * The bundle whose classes a factory is made of, for {@code info bundles}.
     *
     * @param factory an object or device factory these lookups returned
     * @return the bundle and the version of the revision the factory's class comes from; empty
     *     for a factory that is no bundle's (tests)
     */
    default Optional<ServingBundle> servingBundle(Object factory) {
        return Optional.empty();
    }
}
