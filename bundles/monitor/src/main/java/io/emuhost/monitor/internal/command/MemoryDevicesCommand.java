package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.monitor.CommandArguments;
import java.util.List;
import java.util.Map;

/**
 * {@code query-memory-devices} / {@code info memory-devices} (QEMU
 * {@code hmp_info_memory_devices}): per device {@code {"type": ..., "data": {"memdev", "memaddr",
 * "size", "id"}}}, {@code id} left out when the device has none; HMP prints nothing when there
 * are no devices and {@code ""} for a device without id.
 */
public final class MemoryDevicesCommand extends HostCommand {

    private final Machine machine;

    /**
     * Creates the command.
     *
     * @param machine the machine
     */
    public MemoryDevicesCommand(Machine machine) {
        super(info("query-memory-devices", "memory-devices", "show memory devices"));
        this.machine = machine;
    }

    @Override
    public Object execute(CommandArguments arguments) {
        return json(machine.memoryDevices());
    }

    /**
     * The QMP value.
     *
     * @param devices the devices, sorted by address
     * @return the list
     */
    public static List<Map<String, Object>> json(List<MemoryDeviceInfo> devices) {
        return devices.stream().map(device -> {
            Map<String, Object> data = Json.of("memdev", device.memdev(), "memaddr", device.memaddr(),
                    "size", device.size());
            device.id().ifPresent(id -> data.put("id", id));
            return Json.of("type", device.type(), "data", data);
        }).toList();
    }

    @Override
    public String formatHuman(Object result) {
        StringBuilder text = new StringBuilder();
        for (Object element : Json.array(result)) {
            Map<?, ?> device = Json.object(element);
            Map<?, ?> data = Json.object(device.get("data"));
            String id = Json.string(data, "id");
            text.append("Memory device [").append(Json.string(device, "type")).append("]: \"")
                    .append(id == null ? "" : id).append("\"\n")
                    .append("  memaddr: 0x").append(Long.toHexString(Json.integer(data, "memaddr"))).append('\n')
                    .append("  size: ").append(Long.toUnsignedString(Json.integer(data, "size"))).append('\n')
                    .append("  memdev: ").append(Json.string(data, "memdev")).append('\n');
        }
        return text.toString();
    }
}
