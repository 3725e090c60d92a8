package io.emuhost.machine.internal.registry;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The shape both live-upgrade paths share, devices with their {@code DeviceFactory} and user
 * objects with their {@code ObjectFactory}: when a factory leaves, everything it made is
 * suspended (its state saved, the guest-visible part kept in place), then everything suspended
 * is restored into another factory of its type if one is there; when a factory arrives, what
 * waits for its types is restored into it. A restore that fails leaves the entry suspended for
 * the next factory; a suspend that fails is the subclass's to resolve (remove, or keep as is).
 *
 * <p>Called under the registry's lock only.
 *
 * @param <F> the factory kind
 * @param <E> what such a factory makes
 */
abstract class FactoryHandover<F, E extends FactoryMade<F>> {

    /** @return the entries now, as a copy: a suspend may remove one */
    abstract List<E> entries();

    /**
     * The factory that would make the type now.
     *
     * @param type the QOM type or driver
     * @return the factory, or empty
     */
    abstract Optional<F> factoryOf(String type);

    /**
     * Saves an entry whose factory is leaving, keeping it in place.
     *
     * @param entry made by the leaving factory
     */
    abstract void suspend(E entry);

    /**
     * Restores a suspended entry into a factory; on failure it stays suspended.
     *
     * @param entry a suspended entry
     * @param factory a factory of its type
     */
    abstract void restore(E entry, F factory);

    /**
     * Suspends what the factory made, and restores all that is suspended into another factory of
     * its type, if one is there.
     *
     * @param factory the factory going away
     */
    final void leaving(F factory) {
        for (E entry : entries()) {
            if (entry.factory() == factory) {
                suspend(entry);
            }
        }
        for (E entry : entries()) {
            if (entry.suspended()) {
                factoryOf(entry.type()).filter(other -> other != factory).ifPresent(other -> restore(entry, other));
            }
        }
    }

    /**
     * Restores what waits for one of the types into the arriving factory.
     *
     * @param factory the factory that arrived
     * @param types the types it makes
     */
    final void arrived(F factory, Set<String> types) {
        for (E entry : entries()) {
            if (entry.suspended() && types.contains(entry.type())) {
                restore(entry, factory);
            }
        }
    }
}
