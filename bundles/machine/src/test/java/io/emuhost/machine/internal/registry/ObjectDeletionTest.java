package io.emuhost.machine.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ConfigurationException.ErrorClass;
import io.emuhost.api.machine.Frontend;
import io.emuhost.machine.internal.testing.TestMachines;
import io.emuhost.testkit.device.TestDeviceFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** {@code object_del}: QEMU's errors, and what deleting gives back. */
class ObjectDeletionTest {

    @TempDir
    Path dir;

    private TestMachines machines;

    @BeforeEach
    void setUp() throws Exception {
        machines = TestMachines.with(dir, 1L << 30, 2, 8L << 30);
        machines.machine.addObject("memory-backend-file", Map.of("id", "m1", "size", "256M"), Frontend.COMMAND_LINE);
    }

    @AfterEach
    void tearDown() {
        machines.close();
    }

    private static ConfigurationException failure(Executable delete) {
        return assertThrows(ConfigurationException.class, delete);
    }

    @Test
    void deleteObject_unknownId_isNotFound() {
        ConfigurationException e = failure(() -> machines.machine.deleteObject("nosuch"));

        assertEquals("object 'nosuch' not found", e.getMessage());
        assertEquals(ErrorClass.GENERIC_ERROR, e.errorClass());
    }

    @Test
    void deleteObject_backendHeldByADevice_isInUseAndStays() throws Exception {
        machines.machine.addDevice(TestDeviceFactory.DRIVER, Map.of("id", "nv1", "memdev", "m1"), Frontend.COMMAND_LINE);

        ConfigurationException e = failure(() -> machines.machine.deleteObject("m1"));

        assertEquals("object 'm1' is in use, can not be deleted", e.getMessage());
        assertTrue(machines.machine.object("m1").isPresent());
        assertFalse(machines.files.created().get(0).closed());
    }

    @Test
    void deleteObject_mainRam_isInUse() {
        assertEquals("object 'pc.ram' is in use, can not be deleted",
                failure(() -> machines.machine.deleteObject("pc.ram")).getMessage());
    }

    @Test
    void deleteObject_unusedBackend_closesItAndFreesTheId() throws Exception {
        machines.machine.deleteObject("m1");

        assertEquals(List.of("m1"), machines.closeLog);
        assertFalse(machines.machine.object("m1").isPresent());
        assertTrue(machines.machine.memdevs().stream().noneMatch(m -> m.id().equals("m1")));
        machines.machine.addObject("memory-backend-file", Map.of("id", "m1", "size", "128M"), Frontend.COMMAND_LINE);
        assertEquals(128L << 20, machines.machine.memdevs().get(0).size());
    }

    @Test
    void deleteObject_afterItsDeviceWasDeleted_succeeds() throws Exception {
        machines.machine.addDevice(TestDeviceFactory.DRIVER, Map.of("id", "nv1", "memdev", "m1"), Frontend.COMMAND_LINE);
        machines.machine.deleteDevice("nv1");

        machines.machine.deleteObject("m1");

        assertEquals(List.of("m1"), machines.closeLog);
    }

    @Test
    void deleteObject_plainObject_isRemoved() throws Exception {
        machines.machine.addObject("test-object", Map.of("id", "plain"), Frontend.COMMAND_LINE);

        machines.machine.deleteObject("plain");

        assertFalse(machines.machine.object("plain").isPresent());
    }
}
