package io.emuhost.machine.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.memory.RamSection;
import io.emuhost.machine.internal.testing.SparseFileBackend;
import io.emuhost.machine.internal.testing.TestMachines;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Guest RAM that lives outside the machine (QEMU's SYNC_SYSMEM) in place of the main RAM. */
class OutsideRamTest {

    private static final long MIB = TestMachines.MIB;

    @TempDir
    Path dir;

    @Test
    void sections_replaceTheMainRamAndAnEmptyListGivesItBack() throws Exception {
        try (TestMachines machines = TestMachines.defaults(dir)) {
            SparseFileBackend ram = machines.rams.created().get(0);
            SparseFileBackend outside = new SparseFileBackend(dir, "qemu-ram", "memory-backend-file", 64 * MIB, 0, false);
            machines.machine.bus().write(0x1000, 4, 0x1111_1111L);

            machines.machine.replaceSystemRam(List.of(new RamSection(0, 32 * MIB, outside, 0),
                    new RamSection(32 * MIB, 16 * MIB, outside, 48 * MIB)));
            machines.machine.bus().write(0x1000, 4, 0x2222_2222L);
            machines.machine.bus().write(32 * MIB + 8, 4, 0x3333_3333L);

            assertEquals(0x2222_2222, outside.window(0).getInt(0x1000));
            assertEquals(0x3333_3333, outside.window(0).getInt((int) (48 * MIB + 8)));
            assertEquals(0x1111_1111, ram.window(0).getInt(0x1000), "the main RAM was written");
            assertFalse(machines.machine.bus().memory().isMapped(48 * MIB, 1), "main RAM left beyond the sections");

            machines.machine.replaceSystemRam(List.of());
            assertEquals(0x1111_1111L, machines.machine.bus().read(0x1000, 4));
            outside.close();
        }
    }

    @Test
    void sectionOverDeviceMemory_isLeftOutWithAWarning() throws Exception {
        try (TestMachines machines = TestMachines.with(dir, 128 * MIB, 2, 8 * TestMachines.GIB)) {
            machines.machine.addObject("memory-backend-file", Map.of("id", "m1", "size", "16M"), Frontend.HMP);
            machines.machine.addDevice("test-pmem-pci", Map.of("memdev", "m1"), Frontend.HMP);
            long memaddr = machines.machine.memoryDevices().get(0).memaddr();
            SparseFileBackend pmemAsRam = new SparseFileBackend(dir, "dimm", "memory-backend-file", 16 * MIB, 0, false);
            machines.machine.bus().write(memaddr, 4, 0x4444_4444L);

            machines.machine.replaceSystemRam(List.of(new RamSection(memaddr, 16 * MIB, pmemAsRam, 0)));

            assertEquals(0x4444_4444L, machines.machine.bus().read(memaddr, 4), "device memory gave way");
            assertTrue(machines.diagnostics().contains("overlaps device memory and is left out"),
                    machines.diagnostics());
            pmemAsRam.close();
        }
    }

    @Test
    void overlappingSections_areRefusedAndNothingChanges() throws Exception {
        try (TestMachines machines = TestMachines.defaults(dir)) {
            SparseFileBackend outside = new SparseFileBackend(dir, "qemu-ram", "memory-backend-file", 64 * MIB, 0, false);
            machines.machine.bus().write(0x1000, 4, 0x5555_5555L);

            ConfigurationException e = assertThrows(ConfigurationException.class,
                    () -> machines.machine.replaceSystemRam(List.of(new RamSection(0, 32 * MIB, outside, 0),
                            new RamSection(16 * MIB, 16 * MIB, outside, 32 * MIB))));

            assertEquals("RAM sections [0x0, +0x2000000) and [0x1000000, +0x1000000) overlap", e.getMessage());
            assertEquals(0x5555_5555L, machines.machine.bus().read(0x1000, 4));
            outside.close();
        }
    }

    @Test
    void pciConfig_readsAndWritesThroughTheHostBridge() throws Exception {
        try (TestMachines machines = TestMachines.defaults(dir)) {
            assertEquals(0x1237_8086, machines.machine.readPciConfig(0, 0, 0, 4), "i440FX at 00:00.0");
            assertEquals(0xffff, machines.machine.readPciConfig(0, 31 << 3, 0, 2), "no function at 00:1f.0");
            machines.machine.writePciConfig(0, 0, 0x04, 2, 0);
            assertEquals(0, machines.machine.readPciConfig(0, 0, 0x04, 2) & 0x7);
        }
    }
}
