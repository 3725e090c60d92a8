package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandArguments;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * QMP {@code human-monitor-command}: runs one HMP line and returns what it printed, with QEMU's
 * {@code \r\n} line ends. {@code cpu-index} selects the monitor's CPU; the machine has one, 0.
 */
public final class HumanMonitorCommand extends HostCommand {

    private final UnaryOperator<String> hmp;

    /**
     * Creates the command.
     *
     * @param hmp runs one HMP line and returns its output
     */
    public HumanMonitorCommand(UnaryOperator<String> hmp) {
        super(qmp("human-monitor-command", "run an HMP command", List.of(
                required("command-line", ArgumentType.STRING, "the HMP command line"),
                optional("cpu-index", ArgumentType.INTEGER, "the CPU the command applies to")), false));
        this.hmp = hmp;
    }

    @Override
    public Object execute(CommandArguments arguments) throws ConfigurationException {
        if (arguments.integer("cpu-index").orElse(0) != 0) {
            // QEMU qmp_human_monitor_command: QERR_INVALID_PARAMETER_VALUE
            throw new ConfigurationException("Parameter 'cpu-index' expects a CPU number");
        }
        return hmp.apply(arguments.string("command-line").orElseThrow());
    }
}
