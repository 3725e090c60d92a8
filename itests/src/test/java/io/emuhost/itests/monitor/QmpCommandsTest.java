package io.emuhost.itests.monitor;

import static io.emuhost.itests.monitor.MonitorFixture.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ConfigurationException.ErrorClass;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every host QMP command on the reference machine, against QEMU 7.2's JSON shapes (reference §7). */
class QmpCommandsTest {

    private static final String NV1_PCI = "{\"irq_pin\":1,\"bus\":0,\"qdev_id\":\"nv1\",\"irq\":";

    @TempDir
    Path dir;

    private MonitorFixture f;

    @BeforeEach
    void start() throws ConfigurationException {
        f = new MonitorFixture(dir);
    }

    @AfterEach
    void stop() {
        f.close();
    }

    private ConfigurationException error(String command, String arguments) {
        return assertThrows(ConfigurationException.class, () -> f.registry.executeQmp(command, args(arguments)));
    }

    private void assertError(ErrorClass errorClass, String desc, ConfigurationException e) {
        assertEquals(errorClass, e.errorClass());
        assertEquals(desc, e.getMessage());
    }

    @Test
    void queryMemoryDevices_isQemusShape() throws ConfigurationException {
        assertEquals("[{\"type\":\"virtio-pmem\",\"data\":{\"memdev\":\"/objects/mem1\",\"memaddr\":4294967296,"
                + "\"size\":268435456,\"id\":\"nv1\"}}]", f.qmp("query-memory-devices"));
    }

    @Test
    void queryMemoryDevices_deviceWithoutId_leavesIdOut() throws ConfigurationException {
        f.qmp("object-add", args("{\"qom-type\": \"memory-backend-file\", \"id\": \"m2\", \"mem-path\": \""
                + dir.resolve("p2.img") + "\", \"size\": 4194304, \"share\": true}"));
        f.qmp("device_add", args("{\"driver\": \"virtio-pmem-pci\", \"memdev\": \"m2\"}"));

        assertTrue(f.qmp("query-memory-devices").endsWith(",{\"type\":\"virtio-pmem\",\"data\":{\"memdev\":"
                + "\"/objects/m2\",\"memaddr\":4563402752,\"size\":4194304}}]"), f.qmp("query-memory-devices"));
    }

    @Test
    void queryMemdev_isQemusShapeWithPcRamLast() throws ConfigurationException {
        assertEquals("[{\"share\":true,\"reserve\":true,\"prealloc\":false,\"host-nodes\":[],\"size\":268435456,"
                + "\"merge\":true,\"dump\":true,\"policy\":\"default\",\"id\":\"mem1\"},"
                + "{\"share\":false,\"reserve\":true,\"prealloc\":false,\"host-nodes\":[],\"size\":1073741824,"
                + "\"merge\":true,\"dump\":true,\"policy\":\"default\",\"id\":\"pc.ram\"}]", f.qmp("query-memdev"));
    }

    @Test
    void queryPci_nestsDevicesInBusesWithQemusKeys() throws ConfigurationException {
        String pci = f.qmp("query-pci");

        assertTrue(pci.startsWith("[{\"bus\":0,\"devices\":[{\"irq_pin\":0,\"bus\":0,\"qdev_id\":\"\",\"slot\":0,"
                + "\"class_info\":{\"class\":1536,\"desc\":\"Host bridge\"},\"id\":{\"device\":4663,"
                + "\"subsystem-vendor\":6900,\"vendor\":32902,\"subsystem\":4352},\"function\":0,\"regions\":[]},"), pci);
        assertTrue(pci.contains(NV1_PCI), pci);
        assertTrue(pci.contains(",\"slot\":2,\"class_info\":{\"class\":255},\"id\":{\"device\":4187,"
                + "\"subsystem-vendor\":6900,\"vendor\":6900,\"subsystem\":4352},\"function\":0,\"regions\":["), pci);
        assertTrue(pci.contains("{\"prefetch\":true,\"mem_type_64\":true,\"bar\":4,\"size\":16384,\"address\":"), pci);
    }

    @Test
    void queryMemorySizeSummary_addsThePmemSizes() throws ConfigurationException {
        assertEquals("{\"base-memory\":1073741824,\"plugged-memory\":268435456}", f.qmp("query-memory-size-summary"));
    }

    @Test
    void queryStatus_prelaunch_isQemusShape() throws ConfigurationException {
        assertEquals("{\"status\":\"prelaunch\",\"singlestep\":false,\"running\":false}", f.qmp("query-status"));
    }

    @Test
    void queryName_withoutName_isEmptyObject() throws ConfigurationException {
        assertEquals("{}", f.qmp("query-name"));
    }

    @Test
    void queryCommands_listsEveryCommandAndCapabilities() throws ConfigurationException {
        String commands = f.qmp("query-commands");

        for (String name : List.of("object-add", "object-del", "device_add", "device_del", "query-memory-devices",
                "query-memdev", "query-pci", "query-memory-size-summary", "query-status", "query-commands",
                "qom-list", "qom-get", "human-monitor-command", "quit", "qmp_capabilities")) {
            assertTrue(commands.contains("{\"name\":\"" + name + "\"}"), name + " in " + commands);
        }
        assertTrue(commands.startsWith("[{\"name\":\"query-memory-devices\"},"), commands);
    }

    @Test
    void unknownCommand_isCommandNotFound() {
        assertError(ErrorClass.COMMAND_NOT_FOUND, "The command nosuch has not been found", error("nosuch", "{}"));
    }

    @Test
    void extraArgument_isUnexpected() {
        assertError(ErrorClass.GENERIC_ERROR, "Parameter 'x' is unexpected", error("query-status", "{\"x\": 1}"));
        assertError(ErrorClass.GENERIC_ERROR, "Parameter 'x' is unexpected",
                error("device_del", "{\"id\": \"nv1\", \"x\": 1}"));
    }

    @Test
    void deviceDel_unknownOrBadId_hasQemusErrors() {
        assertError(ErrorClass.DEVICE_NOT_FOUND, "Device 'nosuch' not found",
                error("device_del", "{\"id\": \"nosuch\"}"));
        assertError(ErrorClass.GENERIC_ERROR, "Parameter 'id' is missing", error("device_del", "{}"));
        assertError(ErrorClass.GENERIC_ERROR, "Invalid parameter type for 'id', expected: string",
                error("device_del", "{\"id\": 5}"));
    }

    @Test
    void deviceDel_unplugsAndEmitsDeviceDeleted_thenTheBackendCanGo() throws ConfigurationException {
        assertEquals("{}", f.qmp("device_del", args("{\"id\": \"nv1\"}")));

        assertEquals(List.of("DEVICE_DELETED {\"path\":\"/machine/peripheral/nv1/virtio-backend\"}",
                "DEVICE_DELETED {\"device\":\"nv1\",\"path\":\"/machine/peripheral/nv1\"}"), f.emitted);
        assertEquals("[]", f.qmp("query-memory-devices"));
        assertEquals("{}", f.qmp("object-del", args("{\"id\": \"mem1\"}")));
        assertTrue(f.qmp("query-memdev").startsWith("[{\"share\":false,"));
    }

    @Test
    void objectDel_inUseOrUnknown_hasQemusErrors() {
        assertError(ErrorClass.GENERIC_ERROR, "object 'mem1' is in use, can not be deleted",
                error("object-del", "{\"id\": \"mem1\"}"));
        assertError(ErrorClass.GENERIC_ERROR, "object 'nosuch' not found", error("object-del", "{\"id\": \"nosuch\"}"));
        assertError(ErrorClass.GENERIC_ERROR, "Parameter 'id' is missing", error("object-del", "{}"));
    }

    @Test
    void objectAdd_flatProperties_createTheBackend() throws ConfigurationException {
        assertEquals("{}", f.qmp("object-add", args("{\"qom-type\": \"memory-backend-file\", \"id\": \"m2\", "
                + "\"mem-path\": \"" + dir.resolve("p2.img") + "\", \"size\": 4194304, \"share\": true}")));

        assertTrue(f.qmp("query-memdev").contains("\"size\":4194304,\"merge\":true,\"dump\":true,"
                + "\"policy\":\"default\",\"id\":\"m2\"}"));
    }

    @Test
    void objectAdd_argumentErrors_inQemusOrderAndWording() {
        String file = ", \"mem-path\": \"" + dir.resolve("p2.img") + "\"";
        assertError(ErrorClass.GENERIC_ERROR, "Parameter 'qom-type' is missing", error("object-add", "{\"id\": \"x\"}"));
        assertError(ErrorClass.GENERIC_ERROR, "Parameter 'id' is missing",
                error("object-add", "{\"qom-type\": \"memory-backend-file\", \"size\": 4096" + file + "}"));
        assertError(ErrorClass.GENERIC_ERROR, "Invalid parameter type for 'qom-type', expected: string",
                error("object-add", "{\"qom-type\": 5, \"id\": \"x\"}"));
        assertError(ErrorClass.GENERIC_ERROR, "Invalid parameter type for 'id', expected: string",
                error("object-add", "{\"qom-type\": \"memory-backend-file\", \"id\": 5}"));
        assertError(ErrorClass.GENERIC_ERROR, "Parameter 'size' expects uint64",
                error("object-add", "{\"qom-type\": \"memory-backend-file\", \"id\": \"m2\", \"size\": \"4M\"" + file
                        + "}"));
        assertError(ErrorClass.GENERIC_ERROR, "Parameter 'qom-type' does not accept value 'nosuch'",
                error("object-add", "{\"qom-type\": \"nosuch\", \"id\": \"m3\"}"));
    }

    @Test
    void deviceAdd_valuesGoThroughQemuOptsAsInQemu() throws ConfigurationException {
        f.qmp("object-add", args("{\"qom-type\": \"memory-backend-file\", \"id\": \"m2\", \"mem-path\": \""
                + dir.resolve("p2.img") + "\", \"size\": 4194304, \"share\": true}"));

        assertEquals("{}", f.qmp("device_add", args("{\"driver\": \"virtio-pmem-pci\", \"id\": \"nv2\", "
                + "\"memdev\": \"m2\", \"memaddr\": \"0x200000000\", \"ignored\": [1]}")));
        assertTrue(f.qmp("query-memory-devices").contains("\"memaddr\":8589934592,\"size\":4194304,\"id\":\"nv2\""));
    }

    @Test
    void deviceAdd_errors_haveQemusWording() {
        assertError(ErrorClass.GENERIC_ERROR, "Parameter 'driver' is missing", error("device_add", "{}"));
        assertError(ErrorClass.GENERIC_ERROR, "'5' is not a valid device model name",
                error("device_add", "{\"driver\": 5}"));
        assertError(ErrorClass.DEVICE_NOT_FOUND, "Device 'nosuch' not found",
                error("device_add", "{\"driver\": \"virtio-pmem-pci\", \"memdev\": \"nosuch\"}"));
        assertError(ErrorClass.GENERIC_ERROR, "Parameter 'memaddr' expects integer",
                error("device_add", "{\"driver\": \"virtio-pmem-pci\", \"memdev\": \"mem1\", \"memaddr\": \"4G\"}"));
    }

    @Test
    void qomGet_deviceProperties_asQemuReturnsThem() throws ConfigurationException {
        String nv1 = "{\"path\": \"/machine/peripheral/nv1\", \"property\": ";
        assertEquals("\"/objects/mem1\"", f.qmp("qom-get", args(nv1 + "\"memdev\"}")));
        assertEquals("4294967296", f.qmp("qom-get", args(nv1 + "\"memaddr\"}")));
        assertEquals("\"on\"", f.qmp("qom-get", args(nv1 + "\"disable-legacy\"}")));
        assertEquals("false", f.qmp("qom-get", args(nv1 + "\"disable-modern\"}")));
        assertEquals("\"virtio-pmem-pci\"", f.qmp("qom-get", args(nv1 + "\"type\"}")));
        assertEquals("16", f.qmp("qom-get", args(nv1 + "\"addr\"}")));
        assertEquals("false", f.qmp("qom-get", args(nv1 + "\"shmem-region\"}")));
        assertEquals("true", f.qmp("qom-get", args(nv1 + "\"indirect_desc\"}")));
        assertEquals("\"/machine/peripheral/nv1/virtio-backend\"", f.qmp("qom-get", args(nv1 + "\"virtio-backend\"}")));
        assertEquals("\"virtio-pmem\"", f.qmp("qom-get",
                args("{\"path\": \"/machine/peripheral/nv1/virtio-backend\", \"property\": \"type\"}")));
    }

    @Test
    void qomGet_backendProperties_asQemuReturnsThem() throws ConfigurationException {
        String mem1 = "{\"path\": \"/objects/mem1\", \"property\": ";
        assertEquals("268435456", f.qmp("qom-get", args(mem1 + "\"size\"}")));
        assertEquals("true", f.qmp("qom-get", args(mem1 + "\"share\"}")));
        assertEquals("false", f.qmp("qom-get", args(mem1 + "\"readonly\"}")));
        assertEquals("\"default\"", f.qmp("qom-get", args(mem1 + "\"policy\"}")));
        assertEquals("[]", f.qmp("qom-get", args(mem1 + "\"host-nodes\"}")));
        assertEquals("\"memory-backend-file\"", f.qmp("qom-get", args(mem1 + "\"type\"}")));
        assertEquals("\"" + dir.resolve("virtio_pmem.img") + "\"", f.qmp("qom-get", args(mem1 + "\"mem-path\"}")));
        assertEquals("false", f.qmp("qom-get", args(mem1 + "\"discard-data\"}")));
        assertEquals("0", f.qmp("qom-get", args(mem1 + "\"align\"}")));
        assertEquals("1", f.qmp("qom-get", args(mem1 + "\"prealloc-threads\"}")));
        assertEquals("true", f.qmp("qom-get", args(mem1 + "\"merge\"}")));
    }

    @Test
    void qomGet_ramBackend_hasTheCommonPropertiesButNoMemPath() throws ConfigurationException {
        String ram = "{\"path\": \"/objects/pc.ram\", \"property\": ";
        assertEquals("1073741824", f.qmp("qom-get", args(ram + "\"size\"}")));
        assertEquals("false", f.qmp("qom-get", args(ram + "\"share\"}")));
        assertError(ErrorClass.GENERIC_ERROR, "Property 'memory-backend-ram.mem-path' not found",
                error("qom-get", "{\"path\": \"/objects/pc.ram\", \"property\": \"mem-path\"}"));
    }

    @Test
    void qomGet_partialPath_resolvesAUniqueObject() throws ConfigurationException {
        assertEquals("4294967296", f.qmp("qom-get", args("{\"path\": \"nv1\", \"property\": \"memaddr\"}")));
        assertEquals("268435456", f.qmp("qom-get", args("{\"path\": \"mem1\", \"property\": \"size\"}")));
    }

    @Test
    void qomGet_errors_haveQemusWording() {
        assertError(ErrorClass.DEVICE_NOT_FOUND, "Device '/objects/nosuch' not found",
                error("qom-get", "{\"path\": \"/objects/nosuch\", \"property\": \"size\"}"));
        assertError(ErrorClass.GENERIC_ERROR, "Property 'memory-backend-file.bogus' not found",
                error("qom-get", "{\"path\": \"/objects/mem1\", \"property\": \"bogus\"}"));
        assertError(ErrorClass.GENERIC_ERROR, "Property 'virtio-pmem-pci.vectors' is not readable",
                error("qom-get", "{\"path\": \"/machine/peripheral/nv1\", \"property\": \"vectors\"}"));
        assertError(ErrorClass.GENERIC_ERROR, "Parameter 'property' is missing",
                error("qom-get", "{\"path\": \"/objects/mem1\"}"));
    }

    @Test
    void qomList_device_listsMemdevMemaddrAndTheVirtioChild() throws ConfigurationException {
        String list = f.qmp("qom-list", args("{\"path\": \"/machine/peripheral/nv1\"}"));

        assertTrue(list.startsWith("[{\"name\":\"type\",\"type\":\"string\"},"), list);
        assertTrue(list.contains("{\"name\":\"memdev\",\"type\":\"link<memory-backend>\"}"), list);
        assertTrue(list.contains("{\"name\":\"memaddr\",\"type\":\"uint64\"}"), list);
        assertTrue(list.contains("{\"name\":\"disable-legacy\",\"type\":\"OnOffAuto\"}"), list);
        assertTrue(list.endsWith("{\"name\":\"virtio-backend\",\"type\":\"child<virtio-pmem>\"}]"), list);
    }

    @Test
    void qomList_containers_listTheirChildrenInCreationOrder() throws ConfigurationException {
        assertEquals("[{\"name\":\"type\",\"type\":\"string\"},{\"name\":\"mem1\",\"type\":"
                + "\"child<memory-backend-file>\"},{\"name\":\"pc.ram\",\"type\":\"child<memory-backend-ram>\"}]",
                f.qmp("qom-list", args("{\"path\": \"/objects\"}")));
        assertEquals("[{\"name\":\"type\",\"type\":\"string\"},{\"name\":\"nv1\",\"type\":\"child<virtio-pmem-pci>\"}]",
                f.qmp("qom-list", args("{\"path\": \"/machine/peripheral\"}")));
        assertError(ErrorClass.DEVICE_NOT_FOUND, "Device '/nosuch' not found", error("qom-list", "{\"path\": \"/nosuch\"}"));
        assertError(ErrorClass.GENERIC_ERROR, "Parameter 'path' is missing", error("qom-list", "{}"));
    }

    @Test
    void qomList_backend_listsItsTypesProperties() throws ConfigurationException {
        String list = f.qmp("qom-list", args("{\"path\": \"/objects/mem1\"}"));

        assertTrue(list.contains("{\"name\":\"mem-path\",\"type\":\"string\"}"), list);
        assertTrue(list.contains("{\"name\":\"size\",\"type\":\"int\"}"), list);
        assertTrue(list.contains("{\"name\":\"share\",\"type\":\"bool\"}"), list);
        assertTrue(list.contains("{\"name\":\"policy\",\"type\":\"HostMemPolicy\"}"), list);
    }

    @Test
    void humanMonitorCommand_returnsTheHmpOutputWithCrLf() throws ConfigurationException {
        assertEquals("\"Memory device [virtio-pmem]: \\\"nv1\\\"\\r\\n  memaddr: 0x100000000\\r\\n  size: 268435456"
                + "\\r\\n  memdev: /objects/mem1\\r\\n\"",
                f.qmp("human-monitor-command", args("{\"command-line\": \"info memory-devices\"}")));
        assertEquals("\"unknown command: 'xyz'\\r\\n\"", f.qmp("human-monitor-command",
                args("{\"command-line\": \"xyz\"}")));
        assertEquals("\"device_del: string expected\\r\\nTry \\\"help device_del\\\" for more information\\r\\n\"",
                f.qmp("human-monitor-command", args("{\"command-line\": \"device_del\"}")));
        assertEquals("\"VM status: paused (prelaunch)\\r\\n\"", f.qmp("human-monitor-command",
                args("{\"command-line\": \"info status\", \"cpu-index\": 0}")));
    }

    @Test
    void humanMonitorCommand_argumentErrors() {
        assertError(ErrorClass.GENERIC_ERROR, "Parameter 'command-line' is missing",
                error("human-monitor-command", "{}"));
        assertError(ErrorClass.GENERIC_ERROR, "Invalid parameter type for 'command-line', expected: string",
                error("human-monitor-command", "{\"command-line\": 5}"));
        assertError(ErrorClass.GENERIC_ERROR, "Parameter 'cpu-index' expects a CPU number",
                error("human-monitor-command", "{\"command-line\": \"info status\", \"cpu-index\": 3}"));
    }

    @Test
    void quit_emitsShutdownBeforeReturningAndTellsTheRuntime() throws ConfigurationException {
        assertEquals("{}", f.qmp("quit"));

        assertEquals(List.of("SHUTDOWN {\"guest\":false,\"reason\":\"host-qmp-quit\"}"), f.emitted);
        assertEquals(1, f.quits);
    }

    @Test
    void hmpQuitThroughQmp_quitsToo() throws ConfigurationException {
        assertEquals("\"\"", f.qmp("human-monitor-command", args("{\"command-line\": \"quit\"}")));
        assertEquals(1, f.quits);
    }
}
