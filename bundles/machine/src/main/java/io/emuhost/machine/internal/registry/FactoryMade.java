package io.emuhost.machine.internal.registry;

/**
 * What the registry made with a factory and can hand over to another factory of the same type:
 * a plugged device, or a user object. Guarded by the registry's lock.
 *
 * @param <F> the factory kind
 */
interface FactoryMade<F> {

    /** @return the QOM type or driver, by which a factory for it is found */
    String type();

    /** @return the factory that made it now; null once that factory left */
    F factory();

    /** @return whether it waits, its state saved, for a factory of its type */
    boolean suspended();
}
