package io.emuhost.machine.internal;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import java.util.Set;

/**
 * Told when factories come and go, so that what a factory made can be handed over to another
 * factory of the same type (live upgrade). Calls come from whatever thread registers or
 * unregisters the factory; a leaving factory still works during the call and not afterwards.
 */
public interface FactoryListener {

    /**
     * A device factory is available, e.g. its bundle started or was updated.
     *
     * @param factory the factory
     * @param drivers the drivers it serves
     */
    void deviceFactoryArrived(DeviceFactory factory, Set<String> drivers);

    /**
     * A device factory is going away.
     *
     * @param factory the factory
     */
    void deviceFactoryLeaving(DeviceFactory factory);

    /**
     * An object factory is available.
     *
     * @param factory the factory
     * @param types the QOM types it serves
     */
    void objectFactoryArrived(ObjectFactory factory, Set<String> types);

    /**
     * An object factory is going away.
     *
     * @param factory the factory
     */
    void objectFactoryLeaving(ObjectFactory factory);
}
