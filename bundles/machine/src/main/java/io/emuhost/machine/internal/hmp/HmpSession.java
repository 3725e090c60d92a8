package io.emuhost.machine.internal.hmp;

import io.emuhost.api.machine.Machine;
import io.emuhost.machine.internal.Factories;
import java.io.PrintStream;
import java.util.Optional;

/**
 * What a monitor command may use.
 *
 * @param machine the machine
 * @param factories the factories, for {@code object_add help} and {@code device_add help}
 * @param out the monitor's output
 * @param status the run state
 * @param version the emuhost version
 * @param name the {@code -name} guest name, if given
 * @param commands the top-level command table, for {@code help}
 */
public record HmpSession(Machine machine, Factories factories, PrintStream out, VmStatus status, String version,
        Optional<String> name, HmpCommandTable commands) {
}
