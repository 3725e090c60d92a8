package io.emuhost.api.machine;

import java.util.Optional;

/**
 * Which bundle's factory serves a user object or a device now: the factory that made it, or the
 * one it was handed over to last (live upgrade). While its factory is gone and it waits, suspended,
 * for another version, no bundle serves it. The monitor shows these ({@code info bundles}) and
 * checks them before it stops or updates a bundle.
 *
 * @param kind an object ({@code /objects/<id>}) or a device ({@code /machine/peripheral/<id>})
 * @param id the object's id, or the device's id if it has one
 * @param type the QOM type of an object, the driver of a device
 * @param bundle the bundle serving it now, or empty while it waits for a factory (or when the
 *     factory is no bundle's, as in tests)
 * @param handsOver whether its factory can take over what another version of it made (it
 *     implements {@code restore}); if not, the factory's bundle going away (stop or update) ends it
 */
public record FactoryBinding(Kind kind, Optional<String> id, String type, Optional<ServingBundle> bundle,
        boolean handsOver) {

    /** What is served. */
    public enum Kind {
        /** A user object ({@code -object}). */
        OBJECT,
        /** A device ({@code -device}). */
        DEVICE
    }

    /**
     * The name the monitor uses for it: the id, or the type of a device without one.
     *
     * @return e.g. {@code nv1}
     */
    public String name() {
        return id.orElse(type);
    }
}
