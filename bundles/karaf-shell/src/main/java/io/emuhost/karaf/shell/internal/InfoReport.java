package io.emuhost.karaf.shell.internal;

import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.PciDeviceInfo;
import io.emuhost.api.memory.MemdevInfo;
import java.util.List;

/**
 * The text of {@code emuhost:info}: the same shapes as QEMU's HMP {@code info memory-devices},
 * {@code info memdev} and {@code info pci}, so output can be compared line by line with QEMU's.
 */
final class InfoReport {

    /** The topics, in the order {@code emuhost:info} offers them. */
    static final List<String> TOPICS = List.of("memory-devices", "memdev", "pci");

    private InfoReport() {
    }

    /**
     * Formats one topic.
     *
     * @param topic one of {@link #TOPICS}
     * @param machine the machine
     * @return the text, every line ending in a newline
     * @throws IllegalArgumentException for an unknown topic, with the topics in its message
     */
    static String format(String topic, Machine machine) {
        return switch (topic) {
            case "memory-devices" -> memoryDevices(machine.memoryDevices());
            case "memdev" -> memdevs(machine.memdevs());
            case "pci" -> pci(machine.pciDevices());
            default -> throw new IllegalArgumentException(
                    "unknown topic '" + topic + "', expected one of " + String.join(", ", TOPICS));
        };
    }

    /** QEMU {@code hmp_info_memory_devices}: nothing when there are none, "" for no id. */
    static String memoryDevices(List<MemoryDeviceInfo> devices) {
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

    /** QEMU {@code hmp_info_memdev}, two spaces after {@code size:}; host nodes as a list. */
    static String memdevs(List<MemdevInfo> memdevs) {
        StringBuilder text = new StringBuilder();
        for (MemdevInfo m : memdevs) {
            text.append("memory backend: ").append(m.id()).append('\n')
                    .append("  size:  ").append(Long.toUnsignedString(m.size())).append('\n')
                    .append("  merge: ").append(m.merge()).append('\n')
                    .append("  dump: ").append(m.dump()).append('\n')
                    .append("  prealloc: ").append(m.prealloc()).append('\n')
                    .append("  share: ").append(m.share()).append('\n')
                    .append("  reserve: ").append(m.reserve()).append('\n')
                    .append("  policy: ").append(m.policy()).append('\n')
                    .append("  host nodes: ").append(String.join(",",
                            m.hostNodes().stream().map(String::valueOf).toList())).append('\n');
        }
        return text.toString();
    }

    /** QEMU {@code hmp_info_pci} without the class names: location, ids, BARs and qdev id. */
    static String pci(List<PciDeviceInfo> functions) {
        StringBuilder text = new StringBuilder();
        for (PciDeviceInfo f : functions) {
            text.append(String.format("  Bus %2d, device %3d, function %d:\n", f.bus(), f.slot(), f.function()))
                    .append(String.format("    Class %04d: PCI device %04x:%04x\n", f.identity().classCode() >>> 8,
                            f.identity().vendorId(), f.identity().deviceId()))
                    .append(String.format("      PCI subsystem %04x:%04x\n", f.identity().subsystemVendorId(),
                            f.identity().subsystemId()));
            for (PciDeviceInfo.Region r : f.regions()) {
                text.append("      BAR").append(r.bar()).append(": ").append(region(r)).append('\n');
            }
            text.append("      id \"").append(f.qdevId().orElse("")).append("\"\n");
        }
        return text.toString();
    }

    private static String region(PciDeviceInfo.Region r) {
        long last = r.address() + r.size() - 1;
        if (r.io()) {
            return String.format("I/O at 0x%04x [0x%04x].", r.address(), last);
        }
        return String.format("%d bit%s memory at 0x%08x [0x%08x].", r.mem64() ? 64 : 32,
                r.prefetch() ? " prefetchable" : "", r.address(), last);
    }
}
