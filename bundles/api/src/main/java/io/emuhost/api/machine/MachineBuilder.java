package io.emuhost.api.machine;

import io.emuhost.api.device.ConfigurationException;
import java.io.PrintStream;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Builds machines: the service the machine bundle registers for the front end that owns the
 * process (the command line). A machine it builds is registered as the {@link Machine} service
 * until its {@link MachineHandle} is closed or abandoned, or the machine bundle stops.
 */
@ProviderType
public interface MachineBuilder {

    /**
     * Builds a machine and registers it as the {@link Machine} service.
     *
     * @param spec the machine's shape
     * @param diagnostics where the machine's warnings and notes go, as {@code warning: <msg>} and
     *     {@code note: <msg>} lines; a front end that wants a program prefix passes a stream that
     *     adds it
     * @param shutdownRequests told, on the requesting thread, when someone asks the machine to shut
     *     down ({@link Machine#requestShutdown}) with QEMU's {@code ShutdownCause} name; it must
     *     hand the shutdown to another thread and return
     * @return the owner's hold on the machine
     * @throws ConfigurationException with QEMU's wording if it cannot be built; nothing is left
     */
    MachineHandle build(MachineSpec spec, PrintStream diagnostics, Consumer<String> shutdownRequests) throws ConfigurationException;
}
