package io.emuhost.machine.internal.runtime;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Machine;
import io.emuhost.machine.internal.MachineConfig;

/** Builds the machine once the command line is read; the session closes it if it is closeable. */
@FunctionalInterface
public interface MachineFactory {

    /**
     * Builds a machine.
     *
     * @param config the machine's shape
     * @return the machine
     * @throws ConfigurationException with QEMU's wording if it cannot be built
     */
    Machine create(MachineConfig config) throws ConfigurationException;
}
