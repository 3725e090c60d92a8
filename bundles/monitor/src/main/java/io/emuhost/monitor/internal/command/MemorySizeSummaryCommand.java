package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.CommandArguments;
import java.util.Map;

/**
 * {@code query-memory-size-summary} / {@code info memory_size_summary}: the main RAM and the sum
 * of the memory devices' sizes ({@code {"base-memory": n, "plugged-memory": n}}).
 */
public final class MemorySizeSummaryCommand extends HostCommand {

    private final Machine machine;

    /**
     * Creates the command.
     *
     * @param machine the machine
     */
    public MemorySizeSummaryCommand(Machine machine) {
        super(info("query-memory-size-summary", "memory_size_summary",
                "show the amount of initially allocated and present hotpluggable (if enabled) memory in bytes."));
        this.machine = machine;
    }

    @Override
    public Object execute(CommandArguments arguments) {
        long plugged = machine.memoryDevices().stream().mapToLong(MemoryDeviceInfo::size).sum();
        return Json.of("base-memory", machine.ramSize(), "plugged-memory", plugged);
    }

    @Override
    public String formatHuman(Object result) {
        Map<?, ?> summary = Json.object(result);
        return "base memory: " + Json.integer(summary, "base-memory") + "\nplugged memory: "
                + Json.integer(summary, "plugged-memory") + "\n";
    }
}
