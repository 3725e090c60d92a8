package io.emuhost.monitor.internal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuhost.api.bus.PciIdentity;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.PciDeviceInfo;
import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.monitor.internal.ParsedArguments;
import io.emuhost.testkit.machine.FakeMachine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The HMP texts of the info commands, from their QMP values, against QEMU 7.2's output (reference §7). */
class InfoFormatTest {

    private static final CommandArguments NONE = new ParsedArguments(Frontend.HMP, Map.of(), Map.of());
    private static final FakeMachine MACHINE = new FakeMachine();

    private static String memoryDevices(List<MemoryDeviceInfo> devices) {
        return new MemoryDevicesCommand(MACHINE).formatHuman(MemoryDevicesCommand.json(devices));
    }

    private static String memdev(List<MemdevInfo> memdevs) {
        return new MemdevCommand(MACHINE).formatHuman(MemdevCommand.json(memdevs));
    }

    private static String pci(List<PciDeviceInfo> functions) {
        return new PciCommand(MACHINE).formatHuman(PciCommand.json(functions));
    }

    private static final PciIdentity PMEM = new PciIdentity(0x1af4, 0x105b, 1, 0x00ff00, 0x1af4, 0x1100, 1);

    @Test
    void memoryDevices_printsQemuBlockPerDevice() {
        String text = memoryDevices(List.of(
                new MemoryDeviceInfo("virtio-pmem", Optional.of("nv1"), 0x100000000L, 268435456L, "/objects/mem1"),
                new MemoryDeviceInfo("virtio-pmem", Optional.empty(), 0x110000000L, 4096, "/objects/mem2")));

        assertEquals("Memory device [virtio-pmem]: \"nv1\"\n"
                + "  memaddr: 0x100000000\n"
                + "  size: 268435456\n"
                + "  memdev: /objects/mem1\n"
                + "Memory device [virtio-pmem]: \"\"\n"
                + "  memaddr: 0x110000000\n"
                + "  size: 4096\n"
                + "  memdev: /objects/mem2\n", text);
    }

    @Test
    void memoryDevices_none_printsNothing() {
        assertEquals("", memoryDevices(List.of()));
    }

    @Test
    void memdev_hasTwoSpacesAfterSizeTrailingSpaceAfterHostNodesAndABlankLine() {
        String text = memdev(List.of(
                new MemdevInfo("mem1", 268435456L, true, true, false, true, true, "default", List.of())));

        assertEquals("memory backend: mem1\n"
                + "  size:  268435456\n"
                + "  merge: true\n"
                + "  dump: true\n"
                + "  prealloc: false\n"
                + "  share: true\n"
                + "  reserve: true\n"
                + "  policy: default\n"
                + "  host nodes: \n"
                + "\n", text);
    }

    @Test
    void memdev_hostNodes_printAsRanges() {
        assertEquals("0-2,5", MemdevCommand.ranges(List.of(0, 1, 2, 5)));
        assertEquals("3", MemdevCommand.ranges(List.of(3)));
    }

    @Test
    void pci_unprogrammedBar_printsAllOnesAndWrappedEnd() {
        String text = pci(List.of(new PciDeviceInfo(0, 2, 0, PMEM, 0, Optional.of("nv1"),
                List.of(new PciDeviceInfo.Region(4, false, true, true, -1, 0x4000)))));

        assertEquals("  Bus  0, device   2, function 0:\n"
                + "    Class 0255: PCI device 1af4:105b\n"
                + "      PCI subsystem 1af4:1100\n"
                + "      IRQ 0, pin A\n"
                + "      BAR4: 64 bit prefetchable memory at 0xffffffffffffffff [0x00003ffe].\n"
                + "      id \"nv1\"\n", text);
    }

    @Test
    void pci_afterFirmware_printsProgrammedBarAndLine() {
        String text = pci(List.of(new PciDeviceInfo(0, 2, 0, PMEM, 10, Optional.of("nv1"),
                List.of(new PciDeviceInfo.Region(4, false, true, true, 0xfebfc000L, 0x4000)))));

        assertEquals("  Bus  0, device   2, function 0:\n"
                + "    Class 0255: PCI device 1af4:105b\n"
                + "      PCI subsystem 1af4:1100\n"
                + "      IRQ 10, pin A\n"
                + "      BAR4: 64 bit prefetchable memory at 0xfebfc000 [0xfebfffff].\n"
                + "      id \"nv1\"\n", text);
    }

    @Test
    void pci_bridgesWithoutPin_printClassNamesAndNoIrq() {
        String text = pci(List.of(
                new PciDeviceInfo(0, 0, 0, new PciIdentity(0x8086, 0x1237, 2, 0x060000, 0x1af4, 0x1100, 0), 0,
                        Optional.empty(), List.of()),
                new PciDeviceInfo(0, 1, 0, new PciIdentity(0x8086, 0x7000, 0, 0x060100, 0x1af4, 0x1100, 0), 0,
                        Optional.empty(), List.of(new PciDeviceInfo.Region(0, true, false, false, 0xc000, 0x20)))));

        assertEquals("  Bus  0, device   0, function 0:\n"
                + "    Host bridge: PCI device 8086:1237\n"
                + "      PCI subsystem 1af4:1100\n"
                + "      id \"\"\n"
                + "  Bus  0, device   1, function 0:\n"
                + "    ISA bridge: PCI device 8086:7000\n"
                + "      PCI subsystem 1af4:1100\n"
                + "      BAR0: I/O at 0xc000 [0xc01f].\n"
                + "      id \"\"\n", text);
    }

    @Test
    void memorySizeSummary_addsUpTheMemoryDevices() {
        FakeMachine machine = new FakeMachine();
        machine.ramSize = 1073741824L;
        machine.memoryDevices.addAll(List.of(
                new MemoryDeviceInfo("virtio-pmem", Optional.of("a"), 0x100000000L, 268435456L, "/objects/a"),
                new MemoryDeviceInfo("virtio-pmem", Optional.of("b"), 0x110000000L, 268435456L, "/objects/b")));

        MemorySizeSummaryCommand summary = new MemorySizeSummaryCommand(machine);

        assertEquals("base memory: 1073741824\nplugged memory: 536870912\n",
                summary.formatHuman(summary.execute(NONE)));
    }
}
