package io.emuhost.cli.internal.runtime;

import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.cli.internal.options.FactoryAvailability;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.function.IntConsumer;

/**
 * What an {@link EmulatorSession} runs with.
 *
 * @param factories the object and device factories, for help
 * @param protocols the connection protocols: the monitors ({@code -qmp}, {@code -monitor}) and
 *     qtest ({@code -qtest})
 * @param availability waits for factories and protocols while the bundles start
 * @param machines builds the machine
 * @param exit ends the process with an exit code
 * @param in the monitor's input (standard input)
 * @param out the monitor's and help's output (standard output)
 * @param err diagnostics (standard error)
 * @param version the emuhost version ({@code -version})
 * @param stdinIsTerminal whether standard input is a terminal (the default monitor goes there)
 */
public record SessionContext(FactoryCatalogue factories, ConnectionProtocols protocols,
        FactoryAvailability availability, MachineFactory machines, IntConsumer exit, InputStream in, PrintStream out,
        PrintStream err, String version, boolean stdinIsTerminal) {
}
