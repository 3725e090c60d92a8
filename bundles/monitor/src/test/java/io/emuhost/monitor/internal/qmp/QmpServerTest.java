package io.emuhost.monitor.internal.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.monitor.internal.EventBus;
import io.emuhost.testkit.socket.SocketClient;
import io.emuhost.testkit.socket.StreamServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** QMP sessions over a real Unix socket (each client served as a chardev serves it), against a fake command table. */
class QmpServerTest {

    private static final String GREETING = "{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 0, \"major\": 1}, "
            + "\"package\": \"emuhost 1.0.0\"}, \"capabilities\": [\"oob\"]}}";
    private static final String STATUS = "{\"status\": \"running\", \"singlestep\": false, \"running\": true}";

    @TempDir
    Path dir;

    private final EventBus events = new EventBus();
    private final FakeHub hub = new FakeHub(events);
    private QmpServer qmp;
    private StreamServer socket;
    private Path path;

    @BeforeEach
    void start() throws Exception {
        start(new QmpLimits(4096, 1 << 20, 1 << 20), false);
    }

    private void start(QmpLimits limits, boolean pretty) throws Exception {
        stop();
        path = dir.resolve("qmp" + System.nanoTime() + ".sock");
        qmp = new QmpServer(hub, events, "1.0.0", pretty, limits, "compat_monitor0");
        socket = StreamServer.start(path, qmp::serve);
    }

    @AfterEach
    void stop() throws IOException {
        if (socket != null) {
            socket.close();
            qmp.close();
        }
    }

    private SocketClient client() throws IOException {
        SocketClient client = SocketClient.unix(path);
        assertEquals(GREETING, client.line());
        return client;
    }

    private SocketClient negotiated() throws IOException {
        SocketClient client = client();
        client.send("{\"execute\": \"qmp_capabilities\"}\n");
        assertEquals("{\"return\": {}}", client.line());
        return client;
    }

    private static String ask(SocketClient client, String request) throws IOException {
        client.send(request + "\n");
        return client.line();
    }

    @Test
    void beforeNegotiation_commandsAreRefused() throws IOException {
        try (SocketClient client = client()) {
            assertEquals("{\"id\": 1, \"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Expecting capabilities "
                    + "negotiation with 'qmp_capabilities'\"}}", ask(client, "{\"execute\": \"query-status\", \"id\": 1}"));
            assertEquals("{\"return\": {}, \"id\": \"c\"}",
                    ask(client, "{\"execute\": \"qmp_capabilities\", \"id\": \"c\"}"));
            assertEquals("{\"return\": " + STATUS + "}", ask(client, "{\"execute\": \"query-status\"}"));
        }
    }

    @Test
    void negotiatingTwice_isIgnoredWithCommandNotFound() throws IOException {
        try (SocketClient client = negotiated()) {
            assertEquals("{\"error\": {\"class\": \"CommandNotFound\", \"desc\": \"Capabilities negotiation is already "
                    + "complete, command ignored\"}}", ask(client, "{\"execute\": \"qmp_capabilities\"}"));
        }
    }

    @Test
    void capabilitiesArguments_areChecked() throws IOException {
        try (SocketClient client = client()) {
            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"Invalid parameter type for 'enable', "
                    + "expected: array\"}}", ask(client, "{\"execute\": \"qmp_capabilities\", \"arguments\": "
                    + "{\"enable\": \"oob\"}}"));
            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"Parameter 'null' does not accept value "
                    + "'foo'\"}}", ask(client, "{\"execute\": \"qmp_capabilities\", \"arguments\": {\"enable\": [\"foo\"]}}"));
            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"Parameter 'x' is unexpected\"}}",
                    ask(client, "{\"execute\": \"qmp_capabilities\", \"arguments\": {\"x\": 1}}"));
            assertEquals("{\"return\": {}}",
                    ask(client, "{\"execute\": \"qmp_capabilities\", \"arguments\": {\"enable\": [\"oob\"]}}"));
            assertEquals("{\"id\": 2, \"error\": {\"class\": \"GenericError\", \"desc\": \"The command query-status does "
                    + "not support OOB\"}}", ask(client, "{\"exec-oob\": \"query-status\", \"id\": 2}"));
        }
    }

    @Test
    void commandErrors_carryTheirClassAndTheId() throws IOException {
        try (SocketClient client = negotiated()) {
            assertEquals("{\"id\": 7, \"error\": {\"class\": \"CommandNotFound\", \"desc\": \"The command nosuch has not "
                    + "been found\"}}", ask(client, "{\"execute\": \"nosuch\", \"id\": 7}"));
            assertTrue(ask(client, "{\"execute\": \"device_del\", \"arguments\": {\"id\": \"nv9\"}, "
                    + "\"id\": {\"a\": [1]}}").contains("DEVICE_DELETED"));
            assertEquals("{\"id\": {\"a\": [1]}, \"error\": {\"class\": \"DeviceNotFound\", \"desc\": \"Device 'nv9' not "
                    + "found\"}}", client.line());
        }
    }

    @Test
    void inputErrors_areAnsweredAndTheSessionGoesOn() throws IOException {
        try (SocketClient client = negotiated()) {
            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error, invalid keyword "
                    + "'json'\"}}", ask(client, "json"));
            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"QMP input must be a JSON object\"}}",
                    ask(client, "[1]"));
            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON parse error, stray '@'\"}}",
                    ask(client, "@"));
            assertEquals("{\"return\": " + STATUS + ", \"id\": 3}", ask(client, "{'execute': 'query-status', 'id': 3}"));
        }
    }

    @Test
    void severalCommandsOnOneLineAndOneAcrossLines_areAllAnswered() throws IOException {
        try (SocketClient client = negotiated()) {
            client.send("{\"execute\": \"query-status\", \"id\": 1}{\"execute\": \"query-status\", \"id\": 2}\n"
                    + "{\"execute\":\n\"query-status\",\n\"id\": 3}\n");

            assertTrue(client.line().endsWith("\"id\": 1}"));
            assertTrue(client.line().endsWith("\"id\": 2}"));
            assertTrue(client.line().endsWith("\"id\": 3}"));
        }
    }

    @Test
    void events_goToEveryNegotiatedClientOnly() throws IOException {
        try (SocketClient waiting = client(); SocketClient one = negotiated(); SocketClient two = negotiated()) {
            one.send("{\"execute\": \"device_del\", \"arguments\": {\"id\": \"nv1\"}}\n");

            String event = one.line();
            assertTrue(event.matches("\\{\"timestamp\": \\{\"seconds\": \\d+, \"microseconds\": \\d+}, "
                    + "\"event\": \"DEVICE_DELETED\", \"data\": \\{\"device\": \"nv1\"}}"), event);
            assertTrue(one.line().startsWith("{\"error\""));
            assertEquals(event, two.line());
            assertEquals("{\"return\": {}}", ask(waiting, "{\"execute\": \"qmp_capabilities\"}"));
        }
    }

    @Test
    void clientLeavingMidCommand_leavesTheOthersWorking() throws Exception {
        try (SocketClient other = negotiated()) {
            SocketClient leaving = negotiated();
            leaving.send("{\"execute\": \"slow\"}\n{\"execute\": \"query-st");
            assertTrue(hub.slowStarted.await(10, TimeUnit.SECONDS));
            leaving.close();
            hub.slowRelease.countDown();

            assertEquals("{\"return\": " + STATUS + "}", ask(other, "{\"execute\": \"query-status\"}"));
        }
    }

    @Test
    void overlongValue_getsOneErrorAndTheNextReplyMatchesItsRequest() throws IOException {
        try (SocketClient client = negotiated()) {
            client.send("{\"execute\": \"query-status\", \"arguments\": {\"pad\": \"" + "x".repeat(10_000)
                    + "\"}, \"id\": 1}\n{\"execute\": \"query-status\", \"id\": 2}\n");

            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON token size limit exceeded\"}}",
                    client.line());
            assertEquals("{\"return\": " + STATUS + ", \"id\": 2}", client.line());
        }
    }

    @Test
    void oneMebibyteArgument_isWithinQemusLimitAndGetsOneReply() throws Exception {
        start(QmpLimits.DEFAULT, false);
        try (SocketClient client = negotiated()) {
            client.send("{\"execute\": \"query-status\", \"arguments\": {\"pad\": \"" + "x".repeat(1 << 20)
                    + "\"}, \"id\": 1}\n{\"execute\": \"query-status\", \"id\": 2}\n");

            assertEquals("{\"id\": 1, \"error\": {\"class\": \"GenericError\", \"desc\": \"Parameter 'pad' is unexpected\"}}",
                    client.line());
            assertEquals("{\"return\": " + STATUS + ", \"id\": 2}", client.line());
        }
    }

    @Test
    void clientOverTheChardevsLimit_isRefusedWithOneErrorObject() {
        assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"too many clients of chardev "
                + "'compat_monitor0'\"}}\r\n", new String(qmp.refusal("too many clients of chardev 'compat_monitor0'"),
                StandardCharsets.UTF_8));
    }

    @Test
    void closedSession_disconnectsItsClientsAndServesNoMore() throws IOException {
        try (SocketClient client = negotiated()) {
            qmp.close();
            assertNull(client.line());
        }
        try (SocketClient late = SocketClient.unix(path)) {
            assertNull(late.line());
        }
    }

    @Test
    void quit_sendsShutdownThenReturnAndReadsNoMore() throws Exception {
        try (SocketClient client = negotiated()) {
            client.send("{\"execute\": \"quit\", \"id\": 9}\n{\"execute\": \"query-status\"}\n");

            assertTrue(client.line().contains("\"event\": \"SHUTDOWN\", \"data\": {\"guest\": false, \"reason\": "
                    + "\"host-qmp-quit\"}}"));
            assertEquals("{\"return\": {}, \"id\": 9}", client.line());
            qmp.shutdown(Duration.ofSeconds(1));
            assertNull(client.line());
        }
    }

    @Test
    void pretty_spreadsRepliesOverIndentedLines() throws Exception {
        start(QmpLimits.DEFAULT, true);
        try (SocketClient client = SocketClient.unix(path)) {
            assertEquals("{", client.line());
            assertEquals("    \"QMP\": {", client.line());
        }
    }

    @Test
    void stalledClient_isDisconnectedWhenItsQueueOverflows() throws Exception {
        start(new QmpLimits(4096, 1 << 20, 100_000), false);
        try (SocketClient stalled = negotiated(); SocketClient reader = negotiated()) {
            for (int i = 0; i < 20_000; i++) {
                events.emit("TICK", Map.of("n", i));
            }

            assertTrue(reader.line().contains("TICK"));
            int received = 0;
            while (stalled.line() != null) {
                received++;
            }
            assertTrue(received < 20_000, "the stalled client got every event: " + received);
        }
    }
}
