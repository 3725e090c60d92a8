package io.emuhost.machine.internal.runtime;

import io.emuhost.api.machine.Machine;
import io.emuhost.machine.internal.Factories;
import io.emuhost.machine.internal.cli.FactoryAvailability;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * What an {@link EmulatorSession} runs with.
 *
 * @param factories the object and device factories
 * @param availability waits for factories while the bundles start
 * @param machines builds the machine
 * @param publisher makes the machine available to others (the OSGi service registration)
 * @param exit ends the process with an exit code
 * @param in the monitor's input (standard input)
 * @param out the monitor's and help's output (standard output)
 * @param err diagnostics (standard error)
 * @param version the emuhost version
 */
public record SessionContext(Factories factories, FactoryAvailability availability, MachineFactory machines,
        Consumer<Machine> publisher, IntConsumer exit, InputStream in, PrintStream out, PrintStream err,
        String version) {
}
