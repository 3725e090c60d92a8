package io.emuhost.remote.internal;

import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.PciDeviceInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * What QEMU 7.2's x-pci-proxy-dev cannot carry, checked when a connection starts so the user
 * reads why a guest misses its BAR or its interrupts (reference §5 pitfall 2, §1 item 8): a 64-bit
 * BAR (the proxy registers every BAR as 32-bit; virtio devices need {@code x-bar64=off}) and
 * MSI/MSI-X (the proxy emulates neither; virtio devices need {@code vectors=0}, so the driver
 * falls back to INTx).
 */
final class ProxyCompatibility {

    /** PCI Local Bus 3.0 §6.7: capabilities pointer, and the capability ids of MSI and MSI-X. */
    private static final int CAPABILITIES_POINTER = 0x34;
    private static final int CAP_MSI = 0x05;
    private static final int CAP_MSIX = 0x11;
    /** A capability list longer than this is malformed (48 capabilities fit in 0x40..0xff). */
    private static final int MAX_CAPABILITIES = 48;

    private ProxyCompatibility() {
    }

    /**
     * The problems of one function, as log lines.
     *
     * @param machine the machine
     * @param device the function
     * @return the problems; empty if the proxy can carry it
     */
    static List<String> problems(Machine machine, RemoteDevice device) {
        List<String> problems = new ArrayList<>();
        for (PciDeviceInfo info : machine.pciDevices()) {
            if (info.bus() == 0 && (info.slot() << 3 | info.function()) == device.devfn()) {
                for (PciDeviceInfo.Region region : info.regions()) {
                    if (region.mem64()) {
                        problems.add(String.format("%s: BAR%d is a 64-bit BAR, which QEMU's x-pci-proxy-dev maps as a "
                                + "32-bit one (for virtio devices use x-bar64=off)", device.id(), region.bar()));
                    }
                }
            }
        }
        int pointer = machine.readPciConfig(0, device.devfn(), CAPABILITIES_POINTER, 1) & 0xfc;
        for (int i = 0; i < MAX_CAPABILITIES && pointer >= 0x40; i++) {
            int id = machine.readPciConfig(0, device.devfn(), pointer, 1);
            if (id == CAP_MSI || id == CAP_MSIX) {
                problems.add(String.format("%s offers %s, which QEMU's x-pci-proxy-dev does not emulate; the guest "
                        + "gets no interrupts if it enables it (for virtio devices use vectors=0)", device.id(),
                        id == CAP_MSI ? "MSI" : "MSI-X"));
            }
            pointer = machine.readPciConfig(0, device.devfn(), pointer + 1, 1) & 0xfc;
        }
        return problems;
    }
}
