package io.emuhost.machine.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.machine.Frontend;
import io.emuhost.machine.internal.testing.SparseFileBackend;
import io.emuhost.machine.internal.testing.TestMachines;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MachineLayoutTest {

    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    @Test
    void pc4G_mapsRamBelow3GiBAndAbove4GiBFromOneBackend() throws Exception {
        try (TestMachines machines = TestMachines.with(dir, 4 * GIB, 0, 8 * GIB)) {
            SparseFileBackend ram = machines.rams.created().get(0);

            machines.machine.bus().write(0x1_0000_0000L, 4, 0x4444_4444L);
            machines.machine.bus().write(0xbfff_fffcL, 4, 0x3333_3333L);

            assertEquals(0x4444_4444, ram.window(3).getInt(0));
            assertEquals(0x3333_3333, ram.window(2).getInt((int) (GIB - 4)));
            assertFalse(machines.machine.bus().memory().isMapped(0xc000_0000L, 1));
            assertTrue(machines.machine.bus().memory().isMapped(0x1_3fff_ffffL, 1));
        }
    }

    @Test
    void pc4G_placesTheFirstMemoryDeviceAt5GiB() throws Exception {
        try (TestMachines machines = TestMachines.with(dir, 4 * GIB, 0, 8 * GIB)) {
            machines.machine.addObject("memory-backend-file", Map.of("id", "m1", "size", "16M"), Frontend.HMP);
            machines.machine.addDevice("test-pmem-pci", Map.of("memdev", "m1"), Frontend.HMP);

            assertEquals(0x1_4000_0000L, machines.machine.memoryDevices().get(0).memaddr());
        }
    }

    @Test
    void pc1G_placesTheFirstMemoryDeviceAt4GiB() throws Exception {
        try (TestMachines machines = TestMachines.with(dir, GIB, 2, 8 * GIB)) {
            machines.machine.addObject("memory-backend-file", Map.of("id", "m1", "size", "16M"), Frontend.HMP);
            machines.machine.addDevice("test-pmem-pci", Map.of("memdev", "m1"), Frontend.HMP);

            assertEquals(0x1_0000_0000L, machines.machine.memoryDevices().get(0).memaddr());
        }
    }

    @Test
    void withoutMaxmem_firstMemoryDeviceGetsPlacedWithOneNote() throws Exception {
        try (TestMachines machines = TestMachines.defaults(dir)) {
            machines.machine.addObject("memory-backend-file", Map.of("id", "m1", "size", "16M"), Frontend.HMP);
            machines.machine.addDevice("test-pmem-pci", Map.of("memdev", "m1"), Frontend.HMP);

            assertEquals(0x1_0000_0000L, machines.machine.memoryDevices().get(0).memaddr());
            assertTrue(machines.diagnostics().startsWith("note: maxmem is not set"));
            assertEquals(1, machines.diagnostics().lines().count());
        }
    }
}
