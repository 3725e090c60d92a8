package io.emuhost.machine.internal.cli;

import io.emuhost.machine.internal.MachineConfig;
import java.util.List;
import java.util.Optional;

/**
 * A parsed command line that runs a machine.
 *
 * @param machine the machine's shape ({@code -machine}, {@code -m})
 * @param objects the {@code -object} options, in command-line order
 * @param devices the {@code -device} options, in command-line order
 * @param monitor where the human monitor runs
 * @param startPaused {@code -S}: the VM starts in the {@code paused (prelaunch)} state
 * @param name the {@code -name} guest name, if given
 */
public record CommandLine(MachineConfig machine, List<CreateRequest> objects, List<CreateRequest> devices,
        MonitorMode monitor, boolean startPaused, Optional<String> name) implements Invocation {

    /**
     * Copies the lists so the record stays immutable.
     *
     * @param machine machine
     * @param objects objects
     * @param devices devices
     * @param monitor monitor
     * @param startPaused -S
     * @param name name
     */
    public CommandLine {
        objects = List.copyOf(objects);
        devices = List.copyOf(devices);
    }
}
