package io.emuhost.machine.internal.hmp;

import io.emuhost.api.device.MemoryDeviceInfo;
import java.util.List;

/** {@code info memory-devices} (QEMU {@code hmp_info_memory_devices}, virtio-pmem layout). */
public final class InfoMemoryDevices implements HmpCommand {

    @Override
    public String name() {
        return "memory-devices";
    }

    @Override
    public String params() {
        return "";
    }

    @Override
    public String help() {
        return "show memory devices";
    }

    @Override
    public HmpOutcome run(String arguments, HmpSession session) {
        session.out().print(format(session.machine().memoryDevices()));
        return HmpOutcome.CONTINUE;
    }

    /**
     * Formats the devices; nothing at all when there are none.
     *
     * @param devices the memory devices, sorted by address
     * @return the text
     */
    public static String format(List<MemoryDeviceInfo> devices) {
        StringBuilder text = new StringBuilder();
        for (MemoryDeviceInfo device : devices) {
            text.append("Memory device [").append(device.type()).append("]: \"").append(device.id().orElse(""))
                    .append("\"\n")
                    .append("  memaddr: 0x").append(Long.toHexString(device.memaddr())).append('\n')
                    .append("  size: ").append(Long.toUnsignedString(device.size())).append('\n')
                    .append("  memdev: ").append(device.memdev()).append('\n');
        }
        return text.toString();
    }
}
