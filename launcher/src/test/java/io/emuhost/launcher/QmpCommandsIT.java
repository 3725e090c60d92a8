package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One test per QMP command, over {@code -qmp unix:q.sock,server=on,wait=off} of one emuhost
 * (started paused, with the seed's device), each test on a connection of its own. Expected texts
 * are QEMU 7.2's (reference §7) except the greeting's version.
 */
class QmpCommandsIT {

    private static final String MEM1 = "{\"share\": true, \"reserve\": true, \"prealloc\": false, \"host-nodes\": [], "
            + "\"size\": 268435456, \"merge\": true, \"dump\": true, \"policy\": \"default\", \"id\": \"mem1\"}";
    private static final String PC_RAM = "{\"share\": false, \"reserve\": true, \"prealloc\": false, \"host-nodes\": [], "
            + "\"size\": 1073741824, \"merge\": true, \"dump\": true, \"policy\": \"default\", \"id\": \"pc.ram\"}";
    private static final String NV1 = "{\"type\": \"virtio-pmem\", \"data\": {\"memdev\": \"/objects/mem1\", "
            + "\"memaddr\": 4294967296, \"size\": 268435456, \"id\": \"nv1\"}}";
    private static final String EVENT_PREFIX = "\\{\"timestamp\": \\{\"seconds\": \\d+, \"microseconds\": \\d+}, ";

    @TempDir
    static Path dir;

    private static EmuhostProcess emuhost;
    private static Path socket;

    @BeforeAll
    static void start() throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(dir.resolve("pmem.img").toFile(), "rw")) {
            file.setLength(256L << 20);
        }
        socket = dir.resolve("q.sock");
        emuhost = EmuhostProcess.start(dir, "-machine", "pc", "-nodefaults", "-display", "none", "-S",
                "-m", "1G,slots=2,maxmem=8G",
                "-object", "memory-backend-file,id=mem1,share=on,mem-path=pmem.img,size=256M",
                "-device", "virtio-pmem-pci,memdev=mem1,id=nv1",
                "-qmp", "unix:q.sock,server=on,wait=off");
    }

    @AfterAll
    static void stop() {
        emuhost.close();
    }

    private static MonitorClient client() throws IOException, InterruptedException {
        return MonitorClient.negotiated(socket);
    }

    private static String error(String errorClass, String desc) {
        return "{\"error\": {\"class\": \"" + errorClass + "\", \"desc\": \"" + desc + "\"}}";
    }

    @Test
    void greeting_isQemusShapeWithEmuhostsVersion() throws Exception {
        try (MonitorClient client = MonitorClient.unix(socket)) {
            assertEquals(MonitorClient.GREETING, client.line());
        }
    }

    @Test
    void qmpCapabilities_isRequiredFirstAndOnlyOnce() throws Exception {
        try (MonitorClient client = MonitorClient.qmp(socket)) {
            assertEquals(error("CommandNotFound", "Expecting capabilities negotiation with 'qmp_capabilities'"),
                    client.ask("{\"execute\": \"query-status\"}"));
            assertEquals("{\"return\": {}, \"id\": 1}",
                    client.ask("{\"execute\": \"qmp_capabilities\", \"arguments\": {\"enable\": [\"oob\"]}, \"id\": 1}"));
            assertEquals(error("CommandNotFound", "Capabilities negotiation is already complete, command ignored"),
                    client.ask("{\"execute\": \"qmp_capabilities\"}"));
        }
    }

    @Test
    void objectAddAndObjectDel_createAndRemoveABackend() throws Exception {
        try (MonitorClient client = client()) {
            assertEquals("{\"return\": {}}", client.ask("{\"execute\": \"object-add\", \"arguments\": {\"qom-type\": "
                    + "\"memory-backend-file\", \"id\": \"memA\", \"mem-path\": \"a.img\", \"size\": 4096, "
                    + "\"share\": true}}"));
            assertTrue(client.ask("{\"execute\": \"query-memdev\"}").contains("\"id\": \"memA\""));

            assertEquals("{\"return\": {}}", client.ask("{\"execute\": \"object-del\", \"arguments\": {\"id\": \"memA\"}}"));
            assertEquals("{\"return\": [" + MEM1 + ", " + PC_RAM + "]}", client.ask("{\"execute\": \"query-memdev\"}"));
            assertEquals(error("GenericError", "object 'mem1' is in use, can not be deleted"),
                    client.ask("{\"execute\": \"object-del\", \"arguments\": {\"id\": \"mem1\"}}"));
        }
    }

    @Test
    void deviceAddAndDeviceDel_plugAndUnplugWithDeviceDeleted() throws Exception {
        try (MonitorClient client = client(); MonitorClient watcher = client()) {
            client.ask("{\"execute\": \"object-add\", \"arguments\": {\"qom-type\": \"memory-backend-file\", "
                    + "\"id\": \"memB\", \"mem-path\": \"b.img\", \"size\": 4096, \"share\": true}}");
            assertEquals("{\"return\": {}}", client.ask("{\"execute\": \"device_add\", \"arguments\": "
                    + "{\"driver\": \"virtio-pmem-pci\", \"id\": \"nvB\", \"memdev\": \"memB\"}}"));
            assertTrue(client.ask("{\"execute\": \"query-memory-devices\"}").contains("\"id\": \"nvB\""));

            client.send("{\"execute\": \"device_del\", \"arguments\": {\"id\": \"nvB\"}, \"id\": \"del\"}\n");
            String line = client.line();
            while (line.matches(EVENT_PREFIX + "\"event\": \"DEVICE_DELETED\", \"data\": \\{\"path\": .*")) {
                line = client.line();
            }
            assertTrue(line.matches(EVENT_PREFIX + "\"event\": \"DEVICE_DELETED\", \"data\": \\{\"device\": \"nvB\", "
                    + "\"path\": \"/machine/peripheral/nvB\"}}"), line);
            assertEquals("{\"return\": {}, \"id\": \"del\"}", client.line());
            String watched = watcher.line();
            assertTrue(watched.matches(EVENT_PREFIX + "\"event\": \"DEVICE_DELETED\".*"), watched);
            assertEquals("{\"return\": [" + NV1 + "]}", client.ask("{\"execute\": \"query-memory-devices\"}"));
            assertEquals("{\"return\": {}}", client.ask("{\"execute\": \"object-del\", \"arguments\": {\"id\": \"memB\"}}"));
            assertEquals("{\"id\": 2, \"error\": {\"class\": \"DeviceNotFound\", \"desc\": \"Device 'nvB' not found\"}}",
                    client.ask("{\"execute\": \"device_del\", \"arguments\": {\"id\": \"nvB\"}, \"id\": 2}"));
        }
    }

    @Test
    void queryMemoryDevices_listsTheSeedDevice() throws Exception {
        try (MonitorClient client = client()) {
            assertEquals("{\"return\": [" + NV1 + "]}", client.ask("{\"execute\": \"query-memory-devices\"}"));
        }
    }

    @Test
    void queryMemdev_listsTheBackendAndMainRam() throws Exception {
        try (MonitorClient client = client()) {
            assertEquals("{\"return\": [" + MEM1 + ", " + PC_RAM + "]}", client.ask("{\"execute\": \"query-memdev\"}"));
        }
    }

    @Test
    void queryPci_showsTheDevicesIdentity() throws Exception {
        try (MonitorClient client = client()) {
            String reply = client.ask("{\"execute\": \"query-pci\"}");

            assertTrue(reply.startsWith("{\"return\": [{\"bus\": 0, \"devices\": ["), reply);
            assertTrue(reply.contains("\"qdev_id\": \"nv1\""), reply);
            assertTrue(reply.contains("\"class_info\": {\"class\": 255}, \"id\": {\"device\": 4187, "
                    + "\"subsystem-vendor\": 6900, \"vendor\": 6900, \"subsystem\": 4352}"), reply);
            assertTrue(reply.contains("\"bar\": 4, \"size\": 16384"), reply);
        }
    }

    @Test
    void queryMemorySizeSummary_countsTheDeviceAsPlugged() throws Exception {
        try (MonitorClient client = client()) {
            assertEquals("{\"return\": {\"base-memory\": 1073741824, \"plugged-memory\": 268435456}}",
                    client.ask("{\"execute\": \"query-memory-size-summary\"}"));
        }
    }

    @Test
    void queryStatus_isPrelaunchUnderMinusS() throws Exception {
        try (MonitorClient client = client()) {
            assertEquals("{\"return\": {\"status\": \"prelaunch\", \"singlestep\": false, \"running\": false}}",
                    client.ask("{\"execute\": \"query-status\"}"));
        }
    }

    @Test
    void queryCommands_listsEveryCommandOfTheIssue() throws Exception {
        try (MonitorClient client = client()) {
            String reply = client.ask("{\"execute\": \"query-commands\"}");

            for (String name : new String[] {"qmp_capabilities", "object-add", "object-del", "device_add", "device_del",
                "query-memory-devices", "query-memdev", "query-pci", "query-memory-size-summary", "query-status",
                "query-commands", "qom-list", "qom-get", "human-monitor-command", "quit", "x-query-virtio-pmem"}) {
                assertTrue(reply.contains("{\"name\": \"" + name + "\"}"), name + " in " + reply);
            }
        }
    }

    @Test
    void qomList_showsTheDevicesProperties() throws Exception {
        try (MonitorClient client = client()) {
            String reply = client.ask("{\"execute\": \"qom-list\", \"arguments\": {\"path\": \"/machine/peripheral/nv1\"}}");

            assertTrue(reply.contains("{\"name\": \"memdev\", \"type\": \"link<memory-backend>\"}"), reply);
            assertTrue(reply.contains("{\"name\": \"memaddr\", \"type\": \"uint64\"}"), reply);
            assertTrue(reply.contains("{\"name\": \"virtio-backend\", \"type\": \"child<virtio-pmem>\"}"), reply);
        }
    }

    @Test
    void qomGet_readsDeviceAndObjectProperties() throws Exception {
        try (MonitorClient client = client()) {
            assertEquals("{\"return\": \"/objects/mem1\"}", client.ask("{\"execute\": \"qom-get\", \"arguments\": "
                    + "{\"path\": \"/machine/peripheral/nv1\", \"property\": \"memdev\"}}"));
            assertEquals("{\"return\": \"on\"}", client.ask("{\"execute\": \"qom-get\", \"arguments\": "
                    + "{\"path\": \"/machine/peripheral/nv1\", \"property\": \"disable-legacy\"}}"));
            assertEquals("{\"return\": 268435456}", client.ask("{\"execute\": \"qom-get\", \"arguments\": "
                    + "{\"path\": \"/objects/mem1\", \"property\": \"size\"}}"));
        }
    }

    @Test
    void humanMonitorCommand_runsAnyHmpLine() throws Exception {
        try (MonitorClient client = client()) {
            assertEquals("{\"return\": \"VM status: paused (prelaunch)\\r\\n\"}", client.ask("{\"execute\": "
                    + "\"human-monitor-command\", \"arguments\": {\"command-line\": \"info status\"}}"));
            assertEquals("{\"return\": \"unknown command: 'nosuch'\\r\\n\"}", client.ask("{\"execute\": "
                    + "\"human-monitor-command\", \"arguments\": {\"command-line\": \"nosuch\"}}"));
        }
    }

    @Test
    void id_isEchoedWhateverItsJsonValue() throws Exception {
        try (MonitorClient client = client()) {
            String status = "\"return\": {\"status\": \"prelaunch\", \"singlestep\": false, \"running\": false}";
            assertEquals("{" + status + ", \"id\": [1, {\"x\": \"y\"}]}",
                    client.ask("{\"execute\": \"query-status\", \"id\": [1, {\"x\": \"y\"}]}"));
            assertEquals("{" + status + ", \"id\": null}", client.ask("{\"execute\": \"query-status\", \"id\": null}"));
            assertEquals("{" + status + ", \"id\": \"\\u00E9\"}",
                    client.ask("{\"execute\": \"query-status\", \"id\": \"\\u00e9\"}"));
        }
    }

    @Test
    void commandErrors_haveQemusClassesAndTexts() throws Exception {
        try (MonitorClient client = client()) {
            assertEquals("{\"id\": 7, \"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command nosuch has not "
                    + "been found\"}}", client.ask("{\"execute\": \"nosuch\", \"id\": 7}"));
            assertEquals(error("GenericError", "Parameter 'x' is unexpected"),
                    client.ask("{\"execute\": \"query-status\", \"arguments\": {\"x\": 1}}"));
            assertEquals(error("GenericError", "Parameter 'y' is unexpected"),
                    client.ask("{\"execute\": \"device_del\", \"arguments\": {\"id\": \"x\", \"y\": 1}}"));
            assertEquals(error("GenericError", "Invalid parameter type for 'id', expected: string"),
                    client.ask("{\"execute\": \"device_del\", \"arguments\": {\"id\": 5}}"));
            assertEquals(error("GenericError", "Parameter 'id' is missing"),
                    client.ask("{\"execute\": \"device_del\"}"));
            assertEquals(error("GenericError", "'nosuch' is not a valid device model name"),
                    client.ask("{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"nosuch\"}}"));
        }
    }

    @Test
    void requestErrors_haveQemusTexts() throws Exception {
        try (MonitorClient client = client()) {
            assertEquals(error("GenericError", "JSON parse error, invalid keyword 'json'"), client.ask("json"));
            assertEquals(error("GenericError", "JSON parse error, stray '@'"), client.ask("@"));
            assertEquals(error("GenericError", "JSON parse error, missing : in object pair"), client.ask("{\"a\" 1}"));
            assertEquals(error("GenericError", "QMP input must be a JSON object"), client.ask("[1]"));
            assertEquals("{\"id\": 5, \"error\": {\"class\": \"GenericError\", \"desc\": \"QMP input lacks member "
                    + "'execute'\"}}", client.ask("{\"id\": 5}"));
            assertEquals(error("GenericError", "QMP input member 'execute' must be a string"),
                    client.ask("{\"execute\": 1}"));
            assertEquals(error("GenericError", "QMP input member 'x' is unexpected"),
                    client.ask("{\"execute\": \"query-status\", \"x\": 1}"));
            assertEquals(error("GenericError", "QMP input member 'arguments' must be an object"),
                    client.ask("{\"execute\": \"query-status\", \"arguments\": []}"));
        }
    }

    @Test
    void severalRequestsOnOneLineAndOneOverSeveralLines_areAllAnswered() throws Exception {
        try (MonitorClient client = client()) {
            client.send("{\"execute\": \"query-name\", \"id\": 1}{\"execute\": \"query-name\", \"id\": 2}\n"
                    + "{\"execute\":\n \"query-name\",\n \"id\": 3}\n");

            assertEquals("{\"return\": {}, \"id\": 1}", client.line());
            assertEquals("{\"return\": {}, \"id\": 2}", client.line());
            assertEquals("{\"return\": {}, \"id\": 3}", client.line());
        }
    }

    @Test
    void twoMebibyteId_isWithinQemusLimitAndEchoedOnce() throws Exception {
        try (MonitorClient client = client()) {
            String id = "x".repeat(2 << 20);
            client.send("{\"execute\": \"query-name\", \"id\": \"" + id + "\"}\n");

            assertEquals("{\"return\": {}, \"id\": \"" + id + "\"}", client.line());
            assertEquals("{\"return\": {}}", client.ask("{\"execute\": \"query-name\"}"));
        }
    }

    @Test
    void deepNesting_getsTheNestingLimitError() throws Exception {
        try (MonitorClient client = client()) {
            client.send("{\"execute\": \"query-name\", \"id\": " + "[".repeat(1100) + "\n");

            assertEquals(error("GenericError", "JSON nesting depth limit exceeded"), client.line());
        }
    }
}
