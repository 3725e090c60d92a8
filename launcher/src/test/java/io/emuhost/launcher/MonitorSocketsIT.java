package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every monitor socket form at once in one emuhost: {@code -qmp unix:}, libvirt's
 * {@code -chardev socket,... -mon ...,mode=control}, {@code -qmp tcp:}, {@code -qmp-pretty} and
 * {@code -monitor unix:} (HMP); several clients at once, each independent.
 */
class MonitorSocketsIT {

    private static final String NAME = "{\"return\": {\"name\": \"vm1\"}}";

    @TempDir
    static Path dir;

    private static EmuhostProcess emuhost;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        emuhost = EmuhostProcess.start(dir, "-nodefaults", "-name", "vm1",
                "-qmp", "unix:q.sock,server=on,wait=off",
                "-chardev", "socket,id=charmonitor,path=libvirt.sock,server=on,wait=off",
                "-mon", "chardev=charmonitor,id=monitor,mode=control",
                "-qmp", "tcp:127.0.0.1:" + port + ",server=on,wait=off",
                "-qmp-pretty", "unix:pretty.sock,server=on,wait=off",
                "-monitor", "unix:hmp.sock,server=on,wait=off");
    }

    @AfterAll
    static void stop() {
        emuhost.close();
    }

    @Test
    void libvirtChardevAndMonForm_servesQmp() throws Exception {
        try (MonitorClient client = MonitorClient.negotiated(dir.resolve("libvirt.sock"))) {
            assertEquals(NAME, client.ask("{\"execute\": \"query-name\"}"));
        }
    }

    @Test
    void tcpForm_servesQmp() throws Exception {
        try (MonitorClient client = MonitorClient.tcp(port)) {
            assertEquals(MonitorClient.GREETING, client.line());
            assertEquals("{\"return\": {}}", client.ask("{\"execute\": \"qmp_capabilities\"}"));
            assertEquals(NAME, client.ask("{\"execute\": \"query-name\"}"));
        }
    }

    @Test
    void prettyForm_indentsReplies() throws Exception {
        try (MonitorClient client = MonitorClient.unix(dir.resolve("pretty.sock"))) {
            assertTrue(client.until("\r\n}\r\n").startsWith("{\r\n    \"QMP\": {\r\n        \"version\": {\r\n"));
            client.send("{\"execute\": \"qmp_capabilities\"}\n");
            assertEquals("{\r\n    \"return\": {}\r\n}\r\n", client.until("}\r\n}\r\n"));
        }
    }

    @Test
    void twoClients_areIndependentAndGarbageFromOneLeavesTheOther() throws Exception {
        Path socket = dir.resolve("q.sock");
        try (MonitorClient steady = MonitorClient.negotiated(socket)) {
            MonitorClient noisy = MonitorClient.qmp(socket);
            assertEquals("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Expecting capabilities negotiation "
                    + "with 'qmp_capabilities'\"}}", noisy.ask("{\"execute\": \"query-name\"}"));
            assertEquals(NAME, steady.ask("{\"execute\": \"query-name\"}"));
            noisy.send(new byte[] {'@', (byte) 0xff, '{', '"', 'e', 'x', 'e', 'c', 'u', 't', 'e', '"', ':', ' '});
            noisy.close();

            assertEquals(NAME, steady.ask("{\"execute\": \"query-name\"}"));
            try (MonitorClient next = MonitorClient.negotiated(socket)) {
                assertEquals(NAME, next.ask("{\"execute\": \"query-name\"}"));
            }
        }
    }

    @Test
    void clientLeavingMidCommand_leavesOtherMonitorsWorking() throws Exception {
        MonitorClient leaving = MonitorClient.negotiated(dir.resolve("q.sock"));
        leaving.send("{\"execute\": \"human-monitor-command\", \"arguments\": {\"command-line\": \"info pci\"}}\n"
                + "{\"execute\": \"query-na");
        leaving.close();

        try (MonitorClient other = MonitorClient.negotiated(dir.resolve("libvirt.sock"))) {
            assertEquals(NAME, other.ask("{\"execute\": \"query-name\"}"));
        }
    }

    @Test
    void events_reachTheClientsOfEveryQmpMonitor() throws Exception {
        try (MonitorClient unix = MonitorClient.negotiated(dir.resolve("q.sock"));
                MonitorClient libvirt = MonitorClient.negotiated(dir.resolve("libvirt.sock"))) {
            unix.ask("{\"execute\": \"object-add\", \"arguments\": {\"qom-type\": \"memory-backend-file\", "
                    + "\"id\": \"ev\", \"mem-path\": \"ev.img\", \"size\": 4096, \"share\": true}}");
            unix.ask("{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"virtio-pmem-pci\", \"id\": \"nvE\", "
                    + "\"memdev\": \"ev\"}}");

            unix.send("{\"execute\": \"device_del\", \"arguments\": {\"id\": \"nvE\"}}\n");

            String event = libvirt.until("\"device\": \"nvE\", \"path\": \"/machine/peripheral/nvE\"}}\r\n");
            assertTrue(event.contains("\"event\": \"DEVICE_DELETED\""), event);
            assertTrue(unix.until("{\"return\": {}}\r\n").contains("\"device\": \"nvE\""));
        }
    }

    @Test
    void hmpOnUnixSocket_promptsEchoesAndAnswersSeveralClients() throws Exception {
        try (MonitorClient first = MonitorClient.unix(dir.resolve("hmp.sock"));
                MonitorClient second = MonitorClient.unix(dir.resolve("hmp.sock"))) {
            assertEquals("emuhost 1.0.0 monitor - type 'help' for more information\r\n(qemu) ", first.until("(qemu) "));
            assertTrue(second.until("(qemu) ").endsWith("(qemu) "));

            first.send("info name\r");
            second.send("info status\r");

            assertTrue(first.until("(qemu) ").endsWith("info name\u001b[K\r\nvm1\r\n(qemu) "));
            assertTrue(second.until("(qemu) ").endsWith("\r\nVM status: running\r\n(qemu) "));
        }
    }

    @Test
    void humanMonitorCommand_overTcpRunsTheSameHmpTable() throws Exception {
        try (MonitorClient client = MonitorClient.tcp(port)) {
            client.line();
            client.ask("{\"execute\": \"qmp_capabilities\"}");

            assertEquals("{\"return\": \"vm1\\r\\n\"}", client.ask("{\"execute\": \"human-monitor-command\", "
                    + "\"arguments\": {\"command-line\": \"info name\"}}"));
        }
    }
}
