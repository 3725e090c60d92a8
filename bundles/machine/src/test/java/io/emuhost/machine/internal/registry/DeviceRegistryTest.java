package io.emuhost.machine.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ConfigurationException.ErrorClass;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.machine.Frontend;
import io.emuhost.machine.internal.testing.TestMachines;
import io.emuhost.testkit.device.TestDevice;
import io.emuhost.testkit.device.TestDeviceFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class DeviceRegistryTest {

    private static final String DRIVER = TestDeviceFactory.DRIVER;
    private static final long FOUR_GIB = 0x1_0000_0000L;

    @TempDir
    Path dir;

    private TestMachines machines;

    @BeforeEach
    void setUp() throws Exception {
        machines = TestMachines.with(dir, 1L << 30, 2, 8L << 30);
        backend("m1", "256M");
        backend("m2", "256M");
    }

    @AfterEach
    void tearDown() {
        machines.close();
    }

    private void backend(String id, String size) throws ConfigurationException {
        machines.machine.addObject("memory-backend-file", Map.of("id", id, "size", size), Frontend.COMMAND_LINE);
    }

    private void device(Map<String, ?> properties) throws ConfigurationException {
        machines.machine.addDevice(DRIVER, properties, Frontend.COMMAND_LINE);
    }

    private static ConfigurationException failure(Executable add) {
        return assertThrows(ConfigurationException.class, add);
    }

    @Test
    void addDevice_withMemdev_mapsItAsMemoryDevice() throws Exception {
        device(Map.of("id", "nv1", "memdev", "m1"));

        machines.machine.bus().memory().writeInt(FOUR_GIB + 4, 0x0bad_f00d);

        assertEquals(List.of(new MemoryDeviceInfo("virtio-pmem", Optional.of("nv1"), FOUR_GIB, 256L << 20,
                "/objects/m1")), machines.machine.memoryDevices());
        assertEquals(0x0bad_f00d, machines.files.created().get(0).window(0).getInt(4));
        assertTrue(machines.machine.device("nv1").isPresent());
    }

    @Test
    void memoryDevices_areSortedByAddress() throws Exception {
        device(Map.of("id", "high", "memdev", "m1", "memaddr", "0x200000000"));
        device(Map.of("memdev", "m2"));

        assertEquals(List.of(FOUR_GIB, 0x2_0000_0000L),
                machines.machine.memoryDevices().stream().map(MemoryDeviceInfo::memaddr).toList());
        assertEquals(Optional.empty(), machines.machine.memoryDevices().get(0).id());
    }

    @Test
    void addDevice_idNotAnIdentifier_fails() {
        assertEquals("Parameter 'id' expects an identifier", failure(() -> device(Map.of("id", "-x"))).getMessage());
    }

    @Test
    void addDevice_unknownDriver_isNotAValidModel() {
        assertEquals("'nosuch' is not a valid device model name",
                failure(() -> machines.machine.addDevice("nosuch", Map.of(), Frontend.QMP)).getMessage());
    }

    @Test
    void addDevice_duplicateId_fails() throws Exception {
        device(Map.of("id", "nv1"));

        assertEquals("Duplicate device ID 'nv1'", failure(() -> device(Map.of("id", "nv1"))).getMessage());
    }

    @Test
    void addDevice_unknownProperty_isNotFoundOnTheDriver() {
        assertEquals("Property 'test-pmem-pci.vectors' not found",
                failure(() -> device(Map.of("vectors", "2"))).getMessage());
    }

    @Test
    void addDevice_otherBus_isNotFound() {
        assertEquals("Bus 'pcie.0' not found", failure(() -> device(Map.of("bus", "pcie.0"))).getMessage());
    }

    @Test
    void addDevice_malformedAddr_isRefusedByTheProperty() {
        assertEquals("Property 'test-pmem-pci.addr' doesn't take value '40'",
                failure(() -> device(Map.of("addr", "40"))).getMessage());
    }

    @Test
    void addDevice_addrInUse_failsAndReleasesTheMemdev() throws Exception {
        ConfigurationException e = failure(() -> device(Map.of("memdev", "m1", "addr", "1")));
        device(Map.of("memdev", "m1"));

        assertEquals("PCI: slot 1 function 0 not available for test-pmem-pci, in use by PIIX3,id=(null)",
                e.getMessage());
        assertTrue(machines.devices.created().get(0).closed());
        assertEquals(FOUR_GIB, machines.machine.memoryDevices().get(0).memaddr());
    }

    @Test
    void addDevice_addrGiven_plugsThere() throws Exception {
        device(Map.of("id", "nv1", "addr", "0x1f.0"));

        assertEquals(31, machines.machine.pciDevices().get(2).slot());
    }

    @Test
    void claimBackend_unknownId_isDeviceNotFound() {
        ConfigurationException e = failure(() -> device(Map.of("memdev", "nosuch")));

        assertEquals("Device 'nosuch' not found", e.getMessage());
        assertEquals(ErrorClass.DEVICE_NOT_FOUND, e.errorClass());
    }

    @Test
    void claimBackend_objectThatIsNoBackend_isDeviceNotFound() throws Exception {
        machines.machine.addObject("test-object", Map.of("id", "plain"), Frontend.QMP);

        assertEquals("Device 'plain' not found", failure(() -> device(Map.of("memdev", "plain"))).getMessage());
    }

    @Test
    void claimBackend_busyBackend_fails() throws Exception {
        device(Map.of("memdev", "m1"));

        assertEquals("can't use already busy memdev: m1", failure(() -> device(Map.of("memdev", "m1"))).getMessage());
    }

    @Test
    void claimBackend_mainRam_isBusy() {
        assertEquals("can't use already busy memdev: pc.ram",
                failure(() -> device(Map.of("memdev", "pc.ram"))).getMessage());
    }

    @Test
    void addDevice_factoryFailsAfterPlugging_releasesBackendAndRange() throws Exception {
        ConfigurationException e = failure(() -> device(Map.of("id", "nv1", "memdev", "m1", "fail", "on")));

        assertEquals("test device failed on purpose", e.getMessage());
        assertEquals(List.of(), machines.machine.memoryDevices());
        assertFalse(machines.machine.bus().memory().isMapped(FOUR_GIB, 1));
        assertFalse(machines.machine.device("nv1").isPresent());
        device(Map.of("id", "nv1", "memdev", "m1"));
        assertEquals(FOUR_GIB, machines.machine.memoryDevices().get(0).memaddr());
    }

    @Test
    void close_unplugsDevicesUnmapsMemoryThenClosesObjectsWithMainRamLast() throws Exception {
        device(Map.of("id", "nv1", "memdev", "m1"));
        TestDevice device = machines.devices.created().get(0);

        machines.close();

        assertTrue(device.closed());
        assertTrue(device.functionUnpluggedAtClose());
        assertEquals(List.of("m2", "m1", "pc.ram"), machines.closeLog);
        assertEquals(List.of(), machines.machine.memoryDevices());
        assertFalse(machines.machine.bus().memory().isMapped(0, 1));
    }
}
