package io.emuhost.machine.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ConfigurationException.ErrorClass;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.PciDeviceInfo;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.machine.internal.testing.TestMachines;
import io.emuhost.testkit.device.TestDevice;
import io.emuhost.testkit.device.TestDeviceFactory;
import io.emuhost.testkit.monitor.RecordingEvents.Event;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code device_del}: errors, what is given back, and reuse of ids, slots and ranges. */
class DeviceDeletionTest {

    private static final long FOUR_GIB = 0x1_0000_0000L;
    private static final long EIGHT_GIB = 0x2_0000_0000L;

    @TempDir
    Path dir;

    private TestMachines machines;

    @BeforeEach
    void setUp() throws Exception {
        machines = TestMachines.with(dir, 1L << 30, 2, 16L << 30);
        machines.machine.addObject("memory-backend-file", Map.of("id", "m1", "size", "256M"), Frontend.COMMAND_LINE);
    }

    @AfterEach
    void tearDown() {
        machines.close();
    }

    private void device(Map<String, ?> properties) throws ConfigurationException {
        machines.machine.addDevice(TestDeviceFactory.DRIVER, properties, Frontend.COMMAND_LINE);
    }

    private PciDeviceInfo pciDevice(String id) {
        return machines.machine.pciDevices().stream().filter(d -> d.qdevId().filter(id::equals).isPresent())
                .findFirst().orElseThrow();
    }

    @Test
    void deleteDevice_unknownId_isDeviceNotFound() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> machines.machine.deleteDevice("nosuch"));

        assertEquals("Device 'nosuch' not found", e.getMessage());
        assertEquals(ErrorClass.DEVICE_NOT_FOUND, e.errorClass());
        assertEquals(List.of(), machines.events.events());
    }

    @Test
    void deleteDevice_twice_secondIsDeviceNotFound() throws Exception {
        device(Map.of("id", "nv1"));
        machines.machine.deleteDevice("nv1");

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> machines.machine.deleteDevice("nv1"));

        assertEquals("Device 'nv1' not found", e.getMessage());
    }

    @Test
    void deleteDevice_unplugsTheFunctionBeforeClosingTheDevice() throws Exception {
        device(Map.of("id", "nv1", "memdev", "m1"));
        TestDevice device = machines.devices.created().get(0);

        machines.machine.deleteDevice("nv1");

        assertTrue(device.function().unplugged());
        assertTrue(device.closed());
        assertTrue(device.functionUnpluggedAtClose());
        assertFalse(machines.machine.device("nv1").isPresent());
        assertTrue(machines.machine.pciDevices().stream().noneMatch(d -> d.qdevId().isPresent()));
    }

    @Test
    void deleteDevice_unmapsTheRangeFlushesAndFreesTheBackend() throws Exception {
        device(Map.of("id", "nv1", "memdev", "m1"));

        machines.machine.deleteDevice("nv1");

        assertFalse(machines.machine.bus().memory().isMapped(FOUR_GIB, 1));
        assertThrows(GuestMemoryException.InvalidAddress.class,
                () -> machines.machine.bus().memory().readInt(FOUR_GIB));
        assertEquals(List.of(), machines.machine.memoryDevices());
        assertEquals(1, machines.files.created().get(0).flushes());
        assertFalse(machines.files.created().get(0).closed());
        machines.machine.deleteObject("m1");
        assertTrue(machines.files.created().get(0).closed());
    }

    @Test
    void deleteDevice_thenAddAgain_reusesIdSlotAndAddress() throws Exception {
        device(Map.of("id", "nv1", "memdev", "m1", "memaddr", "0x200000000", "addr", "5"));
        machines.machine.bus().memory().writeInt(EIGHT_GIB, 0x600d_cafe);

        machines.machine.deleteDevice("nv1");
        device(Map.of("id", "nv1", "memdev", "m1", "memaddr", "0x200000000", "addr", "5"));

        assertEquals(5, pciDevice("nv1").slot());
        assertEquals(EIGHT_GIB, machines.machine.memoryDevices().get(0).memaddr());
        assertEquals(0x600d_cafe, machines.machine.bus().memory().readInt(EIGHT_GIB));
        assertTrue(machines.machine.device("nv1").isPresent());
    }

    @Test
    void deleteDevice_automaticPlacement_nextDeviceGetsTheFreedSlotAndRange() throws Exception {
        device(Map.of("id", "nv1", "memdev", "m1"));
        int slot = pciDevice("nv1").slot();

        machines.machine.deleteDevice("nv1");
        device(Map.of("id", "nv2", "memdev", "m1"));

        assertEquals(slot, pciDevice("nv2").slot());
        assertEquals(FOUR_GIB, machines.machine.memoryDevices().get(0).memaddr());
    }

    @Test
    void deleteDevice_emitsDeviceDeletedWithDeviceAndPath() throws Exception {
        device(Map.of("id", "nv1"));

        machines.machine.deleteDevice("nv1");

        List<Event> events = machines.events.events();
        assertEquals(List.of(new Event("DEVICE_DELETED", Map.of("device", "nv1", "path", "/machine/peripheral/nv1"))),
                events);
        assertEquals(List.of("device", "path"), List.copyOf(events.get(0).data().keySet()));
    }

    @Test
    void deleteDevice_otherDevicesKeepWorking() throws Exception {
        machines.machine.addObject("memory-backend-file", Map.of("id", "m2", "size", "256M"), Frontend.COMMAND_LINE);
        device(Map.of("id", "nv1", "memdev", "m1"));
        device(Map.of("id", "nv2", "memdev", "m2"));
        long nv2 = machines.machine.memoryDevices().get(1).memaddr();

        machines.machine.deleteDevice("nv1");
        machines.machine.bus().memory().writeInt(nv2, 7);

        assertEquals(7, machines.machine.bus().memory().readInt(nv2));
        assertTrue(machines.machine.device("nv2").isPresent());
        assertEquals(List.of(nv2), machines.machine.memoryDevices().stream().map(d -> d.memaddr()).toList());
    }
}
