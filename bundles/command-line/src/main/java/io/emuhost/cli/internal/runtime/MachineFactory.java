package io.emuhost.cli.internal.runtime;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.MachineHandle;
import io.emuhost.api.machine.MachineSpec;
import java.util.function.Consumer;

/**
 * Builds the machine once the command line is read: in OSGi the machine bundle's
 * {@link io.emuhost.api.machine.MachineBuilder}; the session ends it through the handle.
 */
@FunctionalInterface
public interface MachineFactory {

    /**
     * Builds a machine.
     *
     * @param spec the machine's shape
     * @param shutdownRequests told when a monitor asks the machine to shut down ({@code quit})
     * @return the session's hold on the machine
     * @throws ConfigurationException with QEMU's wording if it cannot be built
     */
    MachineHandle create(MachineSpec spec, Consumer<String> shutdownRequests) throws ConfigurationException;
}
