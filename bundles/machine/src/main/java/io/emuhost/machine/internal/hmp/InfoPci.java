package io.emuhost.machine.internal.hmp;

import io.emuhost.api.bus.PciIdentity;
import io.emuhost.api.machine.PciDeviceInfo;
import java.util.List;

/**
 * {@code info pci} (QEMU {@code hmp_info_pci_device}). Every function has a type-0 header, so
 * the subsystem line is always printed; the IRQ line only when the function has an interrupt pin.
 */
public final class InfoPci implements HmpCommand {

    @Override
    public String name() {
        return "pci";
    }

    @Override
    public String params() {
        return "";
    }

    @Override
    public String help() {
        return "show PCI info";
    }

    @Override
    public HmpOutcome run(String arguments, HmpSession session) {
        session.out().print(format(session.machine().pciDevices()));
        return HmpOutcome.CONTINUE;
    }

    /**
     * Formats the functions.
     *
     * @param functions the functions, by bus, slot and function
     * @return the text
     */
    public static String format(List<PciDeviceInfo> functions) {
        StringBuilder text = new StringBuilder();
        for (PciDeviceInfo f : functions) {
            PciIdentity id = f.identity();
            int pciClass = id.classCode() >>> 8;
            text.append(String.format("  Bus %2d, device %3d, function %d:\n", f.bus(), f.slot(), f.function()))
                    .append("    ")
                    .append(PciClassNames.describe(pciClass).orElse(String.format("Class %04d", pciClass)))
                    .append(String.format(": PCI device %04x:%04x\n", id.vendorId(), id.deviceId()))
                    .append(String.format("      PCI subsystem %04x:%04x\n", id.subsystemVendorId(), id.subsystemId()));
            if (id.interruptPin() != 0) {
                text.append(String.format("      IRQ %d, pin %c\n", f.irq(), (char) ('A' + id.interruptPin() - 1)));
            }
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
