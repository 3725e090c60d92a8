package io.emuhost.machine.internal.runtime;

import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.MonitorCommand;
import io.emuhost.machine.internal.ConnectionProtocols;
import io.emuhost.machine.internal.Factories;
import io.emuhost.machine.internal.cli.FactoryAvailability;
import io.emuhost.machine.internal.monitor.EventBus;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * What an {@link EmulatorSession} runs with.
 *
 * @param factories the object and device factories
 * @param protocols the connection protocols ({@code -qtest})
 * @param availability waits for factories and protocols while the bundles start
 * @param machines builds the machine (emitting its events on {@code events})
 * @param publisher makes the machine available to others (the OSGi service registration)
 * @param exit ends the process with an exit code
 * @param in the monitor's input (standard input)
 * @param out the monitor's and help's output (standard output)
 * @param err diagnostics (standard error)
 * @param version the emuhost version
 * @param events the QMP events of the machine and the monitors
 * @param commands the monitor commands other bundles contribute now
 * @param stdinIsTerminal whether standard input is a terminal (the default monitor goes there)
 */
public record SessionContext(Factories factories, ConnectionProtocols protocols, FactoryAvailability availability, MachineFactory machines,
        Consumer<Machine> publisher, IntConsumer exit, InputStream in, PrintStream out, PrintStream err,
        String version, EventBus events, Supplier<? extends Collection<? extends MonitorCommand>> commands,
        boolean stdinIsTerminal) {
}
