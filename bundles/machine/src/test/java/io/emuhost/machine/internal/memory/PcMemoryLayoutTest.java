package io.emuhost.machine.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.MachineSpec;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class PcMemoryLayoutTest {

    private static final long GIB = 1L << 30;

    private static PcMemoryLayout layout(long ram, int slots, long maxMem) throws ConfigurationException {
        return PcMemoryLayout.of(new MachineSpec("pc", ram, slots, OptionalLong.of(maxMem)));
    }

    @Test
    void of_1GiBWithMaxmem8GAnd2Slots_areaAt4GiBOf9GiB() throws Exception {
        PcMemoryLayout layout = layout(GIB, 2, 8 * GIB);

        assertEquals(GIB, layout.belowFourG());
        assertEquals(0, layout.aboveFourG());
        assertEquals(0x1_0000_0000L, layout.deviceMemoryBase());
        assertEquals(0x2_4000_0000L, layout.deviceMemorySize());
        assertEquals(7 * GIB, layout.deviceMemoryBudget());
    }

    @Test
    void of_4GiB_splitsAt3GiBAndAreaStartsAt5GiB() throws Exception {
        PcMemoryLayout layout = layout(4 * GIB, 0, 8 * GIB);

        assertEquals(0xc000_0000L, layout.belowFourG());
        assertEquals(GIB, layout.aboveFourG());
        assertEquals(0x1_4000_0000L, layout.deviceMemoryBase());
    }

    @Test
    void of_3GiB_staysBelow4GiB() throws Exception {
        PcMemoryLayout layout = layout(3 * GIB, 0, 8 * GIB);

        assertEquals(3 * GIB, layout.belowFourG());
        assertEquals(0, layout.aboveFourG());
        assertEquals(0x1_0000_0000L, layout.deviceMemoryBase());
    }

    @Test
    void of_maxmemEqualToRam_hasNoDeviceMemory() throws Exception {
        assertEquals(0, layout(GIB, 0, GIB).deviceMemorySize());
    }

    @Test
    void of_withoutMaxmem_reservesAutomaticallyUpTo512GiB() throws Exception {
        PcMemoryLayout layout = PcMemoryLayout.of(MachineSpec.defaults());

        assertTrue(layout.automatic());
        assertEquals(0x1_0000_0000L, layout.deviceMemoryBase());
        assertEquals(PcMemoryLayout.AUTOMATIC_END - 0x1_0000_0000L, layout.deviceMemorySize());
        assertEquals(layout.deviceMemorySize(), layout.deviceMemoryBudget());
    }

    @Test
    void of_maxmem2TiB_failsWithQemusPhysBitsMessage() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> layout(GIB, 2, 2048 * GIB));

        assertEquals("Address space limit 0xffffffffff < 0x300bfffffff phys-bits too low (40)", e.getMessage());
    }

    @Test
    void of_maxmemBelowRam_fails() {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> layout(2 * GIB, 0, GIB));

        assertEquals("invalid value of maxmem: maximum memory size (0x40000000) must be at least the initial"
                + " memory size (0x80000000)", e.getMessage());
    }

    @Test
    void pciHole64Start_isAboveTheDeviceMemoryArea() throws Exception {
        assertEquals(0x3_4000_0000L, layout(GIB, 2, 8 * GIB).pciHole64Start());
    }
}
