package io.emuhost.machine.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.machine.internal.testing.TestMachines;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class ObjectRegistryTest {

    private static final String FILE = "memory-backend-file";

    @TempDir
    Path dir;

    private TestMachines machines;

    @BeforeEach
    void setUp() throws Exception {
        machines = TestMachines.with(dir, 1L << 30, 2, 8L << 30);
    }

    @AfterEach
    void tearDown() {
        machines.close();
    }

    private void add(Map<String, ?> properties, Frontend frontend) throws ConfigurationException {
        machines.machine.addObject(FILE, properties, frontend);
    }

    private static String failure(Executable add) {
        return assertThrows(ConfigurationException.class, add).getMessage();
    }

    @Test
    void addObject_registersItUnderItsId() throws Exception {
        add(Map.of("id", "m1", "mem-path", "x", "size", "16M"), Frontend.COMMAND_LINE);

        assertEquals(16L << 20, machines.files.created().get(0).size());
        assertTrue(machines.machine.object("m1").isPresent());
    }

    @Test
    void addObject_withoutId_failsAsMissing() {
        assertEquals("Parameter 'id' is missing", failure(() -> add(Map.of("size", "16M"), Frontend.COMMAND_LINE)));
    }

    @Test
    void addObject_idNotAnIdentifier_fails() {
        assertEquals("Parameter 'id' expects an identifier",
                failure(() -> add(Map.of("id", "1bad", "size", "16M"), Frontend.QMP)));
    }

    @Test
    void addObject_duplicateId_failsAsQomDuplicateChild() throws Exception {
        add(Map.of("id", "m1", "size", "16M"), Frontend.HMP);

        assertEquals("attempt to add duplicate property 'm1' to object (type 'container')",
                failure(() -> add(Map.of("id", "m1", "size", "16M"), Frontend.HMP)));
        assertEquals(1, machines.files.created().size());
    }

    @Test
    void addObject_idOfMainRam_isADuplicate() {
        assertEquals("attempt to add duplicate property 'pc.ram' to object (type 'container')",
                failure(() -> add(Map.of("id", "pc.ram", "size", "16M"), Frontend.COMMAND_LINE)));
    }

    @Test
    void addObject_unknownType_failsOnQomType() {
        assertEquals("Parameter 'qom-type' does not accept value 'nosuch-type'",
                failure(() -> machines.machine.addObject("nosuch-type", Map.of("id", "m1"), Frontend.QMP)));
    }

    @Test
    void addObject_unknownPropertyOnCommandLine_isInvalidParameter() {
        assertEquals("Invalid parameter 'offset'",
                failure(() -> add(Map.of("id", "m1", "size", "16M", "offset", "0"), Frontend.COMMAND_LINE)));
    }

    @Test
    void addObject_unknownPropertyOnQmp_isUnexpected() {
        assertEquals("Parameter 'bogus' is unexpected",
                failure(() -> add(Map.of("id", "m1", "size", 1L << 24, "bogus", 1L), Frontend.QMP)));
    }

    @Test
    void addObject_unknownPropertyOnHmp_isUnexpected() {
        assertEquals("Parameter 'bogus' is unexpected",
                failure(() -> add(Map.of("id", "m1", "size", "16M", "bogus", "1"), Frontend.HMP)));
    }

    @Test
    void addObject_factoryWarnings_reachDiagnostics() throws Exception {
        add(Map.of("id", "m1", "size", "0x1M"), Frontend.COMMAND_LINE);

        assertEquals("warning: Using a multiplier suffix on hex numbers is deprecated: 0x1M\n", machines.diagnostics());
    }

    @Test
    void memdevs_listUserBackendsThenMainRam() throws Exception {
        add(Map.of("id", "m1", "size", "16M"), Frontend.COMMAND_LINE);
        machines.machine.addObject("test-object", Map.of("id", "plain"), Frontend.QMP);

        assertEquals(List.of("m1", "pc.ram"),
                machines.machine.memdevs().stream().map(MemdevInfo::id).toList());
        assertEquals(1L << 30, machines.machine.memdevs().get(1).size());
    }

    @Test
    void mainRam_isCreatedAsMemoryBackendRamNamedPcRam() {
        assertEquals("pc.ram", machines.rams.created().get(0).id());
        assertEquals(1L << 30, machines.machine.ramSize());
        assertTrue(machines.machine.object("pc.ram").isPresent());
    }
}
