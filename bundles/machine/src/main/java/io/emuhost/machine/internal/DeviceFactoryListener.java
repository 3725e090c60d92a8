package io.emuhost.machine.internal;

import io.emuhost.api.device.DeviceFactory;
import java.util.Set;

/**
 * Told when device factories come and go, so that the devices a factory made can be handed over
 * to another factory of the same driver (live device upgrade). Calls come from whatever thread
 * registers or unregisters the factory.
 */
public interface DeviceFactoryListener {

    /**
     * A factory is available, e.g. its bundle started or was updated.
     *
     * @param factory the factory
     * @param drivers the drivers it serves
     */
    void deviceFactoryArrived(DeviceFactory factory, Set<String> drivers);

    /**
     * A factory is going away; it still works during this call and not afterwards.
     *
     * @param factory the factory
     */
    void deviceFactoryLeaving(DeviceFactory factory);
}
