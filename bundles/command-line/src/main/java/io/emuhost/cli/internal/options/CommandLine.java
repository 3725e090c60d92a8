package io.emuhost.cli.internal.options;

import io.emuhost.api.machine.MachineSpec;
import java.util.List;
import java.util.Optional;

/**
 * A parsed command line that runs a machine.
 *
 * @param machine the machine's shape ({@code -machine}, {@code -m})
 * @param objects the {@code -object} options, in command-line order
 * @param devices the {@code -device} options, in command-line order
 * @param monitors the monitors ({@code -monitor}, {@code -qmp}, {@code -mon}, the default one),
 *     in command-line order
 * @param qtest the qtest server ({@code -qtest}), if any
 * @param startPaused {@code -S}: the VM starts in the {@code paused (prelaunch)} state
 * @param name the {@code -name} guest name, if given
 */
public record CommandLine(MachineSpec machine, List<CreateRequest> objects, List<CreateRequest> devices,
        List<MonitorSpec> monitors, Optional<QtestSpec> qtest, boolean startPaused, Optional<String> name)
        implements Invocation {

    /**
     * Copies the lists so the record stays immutable.
     *
     * @param machine machine
     * @param objects objects
     * @param devices devices
     * @param monitors monitors
     * @param qtest qtest
     * @param startPaused -S
     * @param name name
     */
    public CommandLine {
        objects = List.copyOf(objects);
        devices = List.copyOf(devices);
        monitors = List.copyOf(monitors);
    }
}
