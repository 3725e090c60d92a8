package io.emuhost.monitor.internal.command;

import io.emuhost.api.bus.PciIdentity;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.PciDeviceInfo;
import io.emuhost.api.monitor.CommandArguments;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code query-pci} / {@code info pci} (QEMU {@code qmp_query_pci}, {@code hmp_info_pci_device}).
 * QMP: one {@code {"bus": n, "devices": [...]}} per bus, each device with QEMU 7.2's key order
 * (reference §7), {@code irq} only when the function has an interrupt pin, {@code desc} only for
 * classes QEMU names, {@code address} -1 while a BAR is unprogrammed. HMP: every function has a
 * type-0 header, so the subsystem line is always printed.
 */
public final class PciCommand extends HostCommand {

    private final Machine machine;

    /**
     * Creates the command.
     *
     * @param machine the machine
     */
    public PciCommand(Machine machine) {
        super(info("query-pci", "pci", "show PCI info"));
        this.machine = machine;
    }

    @Override
    public Object execute(CommandArguments arguments) {
        return json(machine.pciDevices());
    }

    /**
     * The QMP value.
     *
     * @param functions the functions, by bus, slot and function
     * @return the buses
     */
    public static List<Map<String, Object>> json(List<PciDeviceInfo> functions) {
        Map<Integer, List<Map<String, Object>>> buses = new LinkedHashMap<>();
        for (PciDeviceInfo f : functions) {
            buses.computeIfAbsent(f.bus(), bus -> new ArrayList<>()).add(device(f));
        }
        List<Map<String, Object>> result = new ArrayList<>();
        buses.forEach((bus, devices) -> result.add(Json.of("bus", bus, "devices", devices)));
        return result;
    }

    private static Map<String, Object> device(PciDeviceInfo f) {
        PciIdentity id = f.identity();
        int pciClass = id.classCode() >>> 8;
        Map<String, Object> device = Json.of("irq_pin", id.interruptPin(), "bus", f.bus(), "qdev_id",
                f.qdevId().orElse(""));
        if (id.interruptPin() != 0) {
            device.put("irq", f.irq());
        }
        Map<String, Object> classInfo = Json.of("class", pciClass);
        PciClassNames.describe(pciClass).ifPresent(desc -> classInfo.put("desc", desc));
        device.put("slot", f.slot());
        device.put("class_info", classInfo);
        device.put("id", Json.of("device", id.deviceId(), "subsystem-vendor", id.subsystemVendorId(),
                "vendor", id.vendorId(), "subsystem", id.subsystemId()));
        device.put("function", f.function());
        device.put("regions", f.regions().stream().map(PciCommand::region).toList());
        return device;
    }

    private static Map<String, Object> region(PciDeviceInfo.Region r) {
        if (r.io()) {
            return Json.of("bar", r.bar(), "size", r.size(), "address", r.address(), "type", "io");
        }
        return Json.of("prefetch", r.prefetch(), "mem_type_64", r.mem64(), "bar", r.bar(), "size", r.size(),
                "address", r.address(), "type", "memory");
    }

    @Override
    public String formatHuman(Object result) {
        StringBuilder text = new StringBuilder();
        for (Object bus : Json.array(result)) {
            for (Object element : Json.array(Json.object(bus).get("devices"))) {
                function(Json.object(element), text);
            }
        }
        return text.toString();
    }

    private static void function(Map<?, ?> f, StringBuilder text) {
        Map<?, ?> id = Json.object(f.get("id"));
        Map<?, ?> classInfo = Json.object(f.get("class_info"));
        long pin = Json.integer(f, "irq_pin");
        String desc = Json.string(classInfo, "desc");
        text.append(String.format("  Bus %2d, device %3d, function %d:\n", Json.integer(f, "bus"),
                        Json.integer(f, "slot"), Json.integer(f, "function")))
                .append("    ")
                .append(desc != null ? desc : String.format("Class %04d", Json.integer(classInfo, "class")))
                .append(String.format(": PCI device %04x:%04x\n", Json.integer(id, "vendor"),
                        Json.integer(id, "device")))
                .append(String.format("      PCI subsystem %04x:%04x\n", Json.integer(id, "subsystem-vendor"),
                        Json.integer(id, "subsystem")));
        if (pin != 0) {
            text.append(String.format("      IRQ %d, pin %c\n", Json.integer(f, "irq"), (char) ('A' + pin - 1)));
        }
        for (Object r : Json.array(f.get("regions"))) {
            Map<?, ?> region = Json.object(r);
            text.append("      BAR").append(Json.integer(region, "bar")).append(": ").append(region(region))
                    .append('\n');
        }
        text.append("      id \"").append(Json.string(f, "qdev_id")).append("\"\n");
    }

    private static String region(Map<?, ?> r) {
        long address = Json.integer(r, "address");
        long last = address + Json.integer(r, "size") - 1;
        if ("io".equals(Json.string(r, "type"))) {
            return String.format("I/O at 0x%04x [0x%04x].", address, last);
        }
        return String.format("%d bit%s memory at 0x%08x [0x%08x].", Json.bool(r, "mem_type_64") ? 64 : 32,
                Json.bool(r, "prefetch") ? " prefetchable" : "", address, last);
    }
}
