package io.emuhost.api.machine;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The owner's hold on a machine it built ({@link MachineBuilder#build}): only the owner ends it.
 * Both ways of ending withdraw the {@link Machine} service first, then remove every device and
 * object; they are idempotent and callable from any thread.
 */
@ProviderType
public interface MachineHandle extends AutoCloseable {

    /**
     * The machine.
     *
     * @return the machine
     */
    Machine machine();

    /** Ends the machine: devices unplugged, objects closed (their files kept). */
    @Override
    void close();

    /**
     * Ends the machine after a failed start: as {@link #close()}, but each object is abandoned
     * ({@link io.emuhost.api.device.UserObject#abandon()}), so what creating it made goes too.
     */
    void abandon();
}
