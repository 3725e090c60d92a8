package io.emuhost.machine.internal.hmp;

import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.machine.Machine;

/**
 * {@code info memory_size_summary} (QEMU {@code hmp_info_memory_size_summary}): the main RAM and
 * the sum of the memory devices' sizes.
 */
public final class InfoMemorySizeSummary implements HmpCommand {

    @Override
    public String name() {
        return "memory_size_summary";
    }

    @Override
    public String params() {
        return "";
    }

    @Override
    public String help() {
        return "show the amount of initially allocated and present hotpluggable (if enabled) memory in bytes.";
    }

    @Override
    public HmpOutcome run(String arguments, HmpSession session) {
        session.out().print(format(session.machine()));
        return HmpOutcome.CONTINUE;
    }

    /**
     * Formats the summary.
     *
     * @param machine the machine
     * @return the text
     */
    public static String format(Machine machine) {
        long plugged = machine.memoryDevices().stream().mapToLong(MemoryDeviceInfo::size).sum();
        return "base memory: " + machine.ramSize() + "\nplugged memory: " + plugged + "\n";
    }
}
