package io.emuhost.machine.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.CpuSpec;
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

    private static final long TIB = 1L << 40;
    private static final long FOUR_GIB = PcMemoryLayout.FOUR_GIB;

    private static PcMemoryLayout layout(long maxMem, CpuSpec cpu) throws ConfigurationException {
        return PcMemoryLayout.of(new MachineSpec("pc", GIB, 2, OptionalLong.of(maxMem), cpu));
    }

    private static CpuSpec cpu(String model, int physBits, String vendor, boolean longMode) {
        return new CpuSpec(model, physBits, false, vendor, longMode);
    }

    @Test
    void of_maxmem2TiB_withPhysBits48_relocatesAboveTheHtHoleOnAmd() throws Exception {
        // QEMU 7.2 -cpu qemu64,phys-bits=48 -m 1G,slots=2,maxmem=2T: the pmem lands at 1 TiB
        PcMemoryLayout layout = layout(2 * TIB, cpu("qemu64", 48, CpuSpec.AMD, true));

        assertEquals(TIB, layout.aboveFourGStart());
        assertEquals(TIB, layout.deviceMemoryBase());
        assertEquals(0x300_bfff_ffffL, layout.maxUsedAddress());
    }

    @Test
    void of_maxmem2TiB_onIntel_staysAtFourGib() throws Exception {
        // QEMU 7.2 -cpu kvm64,phys-bits=48: memaddr 4 GiB; phys-bits=41: limit 0x201bfffffff
        PcMemoryLayout layout = layout(2 * TIB, cpu("kvm64", 48, "GenuineIntel", true));

        assertEquals(FOUR_GIB, layout.deviceMemoryBase());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> layout(2 * TIB, cpu("kvm64", 41, "GenuineIntel", true)));
        assertEquals("Address space limit 0x1ffffffffff < 0x201bfffffff phys-bits too low (41)", e.getMessage());
    }

    @Test
    void of_hygon_isNotAmdForTheHtHole() throws Exception {
        assertEquals(FOUR_GIB, layout(2 * TIB, cpu("Dhyana", 48, "HygonGenuine", true)).deviceMemoryBase());
    }

    @Test
    void of_physBits41_isStillTooLowWithQemusNumbers() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> layout(2 * TIB, cpu("qemu64", 41, CpuSpec.AMD, true)));

        assertEquals("Address space limit 0x1ffffffffff < 0x300bfffffff phys-bits too low (41)", e.getMessage());
    }

    @Test
    void of_32BitCpu_isLimitedByItsOwnWidthOnlyAbove32Bits() throws Exception {
        // pc_max_used_gpa: a 32-bit CPU has no 64-bit hole; QEMU 7.2 starts qemu32 with maxmem=2T
        assertEquals(FOUR_GIB, layout(2 * TIB, cpu("qemu32", 32, "GenuineIntel", false)).deviceMemoryBase());
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> layout(2 * TIB, cpu("pentium3", 36, "GenuineIntel", false)));
        assertEquals("Address space limit 0xfffffffff < 0x201bfffffff phys-bits too low (36)", e.getMessage());
        layout(40 * GIB, cpu("pentium3", 36, "GenuineIntel", false));
    }

    @Test
    void of_withoutMaxmem_keepsTheAutomaticAreaInsideANarrowCpu() throws Exception {
        PcMemoryLayout narrow = PcMemoryLayout.of(MachineSpec.defaults().withCpu(cpu("pentium3", 36, "GenuineIntel", false)));
        PcMemoryLayout none = PcMemoryLayout.of(MachineSpec.defaults().withCpu(cpu("qemu32", 32, "GenuineIntel", false)));

        assertEquals((1L << 35) - FOUR_GIB, narrow.deviceMemorySize());
        assertEquals(0, none.deviceMemorySize());
        assertEquals(PcMemoryLayout.AUTOMATIC_END - FOUR_GIB,
                PcMemoryLayout.of(MachineSpec.defaults().withCpu(cpu("qemu64", 52, CpuSpec.AMD, true))).deviceMemorySize());
    }
}
