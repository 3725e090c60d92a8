package io.emuhost.testkit.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PciFunctionAccessTest {

    private final FakePciMachine machine = new FakePciMachine();
    private final PciAddress fn = new PciAddress(0, FakePciMachine.SLOT, 0);

    @Test
    void find_portIo_returnsTheOneMatchingFunction() {
        PciFunctionAccess pci = new PciFunctionAccess(new PortConfigAccess(machine));

        assertEquals(List.of(fn), pci.find(0, 0x1af4, 0x105b));
        assertEquals(List.of(), pci.find(0, 0x1af4, 0x1041));
    }

    @Test
    void find_ecam_returnsTheSameFunction() {
        PciFunctionAccess pci = new PciFunctionAccess(new EcamConfigAccess(machine, EcamConfigAccess.DEFAULT_BASE));

        assertEquals(List.of(fn), pci.find(0, 0x1af4, 0x105b));
    }

    @Test
    void bars_sizes64BitPrefetchableBarAndRestoresRegisters() {
        PciFunctionAccess pci = new PciFunctionAccess(new PortConfigAccess(machine));
        machine.function.configWrite(0x04, 2, 0x2);

        PciBarInfo bar4 = pci.bars(fn).stream().filter(b -> b.index() == 4).findFirst().orElseThrow();

        assertEquals(new PciBarInfo(4, FakeVirtioPmemFunction.BAR4, FakeVirtioPmemFunction.BAR4_SIZE, false, true, true),
                bar4);
        assertEquals((int) FakeVirtioPmemFunction.BAR4 | 0xc, machine.function.configRead(0x20, 4));
        assertEquals(0, machine.function.configRead(0x24, 4));
        assertEquals(0x2, machine.function.configRead(0x04, 2));
    }

    @Test
    void bars_absentBarHasSizeZero() {
        PciFunctionAccess pci = new PciFunctionAccess(new PortConfigAccess(machine));

        PciBarInfo bar0 = pci.bars(fn).get(0);

        assertEquals(0, bar0.size());
        assertTrue(!bar0.isMemory());
    }

    @Test
    void capabilities_followsListFromPointer() {
        PciFunctionAccess pci = new PciFunctionAccess(new PortConfigAccess(machine));

        List<PciCapability> caps = pci.capabilities(fn);

        assertEquals(List.of(new PciCapability(9, 0x40), new PciCapability(9, 0x50), new PciCapability(9, 0x60),
                new PciCapability(9, 0x70), new PciCapability(9, 0x84), new PciCapability(0x11, 0x98)), caps);
    }
}
