package io.emuhost.monitor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.api.frontend.ProtocolSession;
import io.emuhost.monitor.internal.command.BundleControl;
import io.emuhost.testkit.machine.FakeFactories;
import io.emuhost.testkit.machine.FakeMachine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** QMP and HMP as connection protocols: the options a session takes, and what quit asks of the machine. */
class MonitorProtocolTest {

    private final FakeMachine machine = new FakeMachine();
    private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();

    private MonitorProtocol protocol(MonitorProtocol.Kind kind) {
        return new MonitorProtocol(kind, FakeFactories.standard(), new EventBus(), List::of,
                new PrintStream(diagnostics, true, StandardCharsets.UTF_8), m -> "7.7.7", BundleControl.NONE);
    }

    private static String serve(ProtocolSession session, String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        session.serve(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void hmp_sessionRunsTheCommandLinesFactsAndQuitAsksTheMachineToShutDown() throws ConfigurationException {
        try (ProtocolSession session = protocol(MonitorProtocol.Kind.HMP).open(machine, Map.of(
                ConnectionProtocol.CHARDEV, "mon0", ConnectionProtocol.NAME, "guest1",
                ConnectionProtocol.PRELAUNCH, "on", ConnectionProtocol.ECHO, "off"))) {
            String out = serve(session, "info status\ninfo name\ninfo version\nquit\n");

            assertTrue(out.contains("VM status: paused (prelaunch)"), out);
            assertTrue(out.contains("guest1"), out);
            assertTrue(out.contains("7.7.7"), out);
        }
        assertEquals(List.of("host-qmp-quit"), machine.shutdownRequests);
    }

    @Test
    void qmp_greetsWithTheVersionAndQuitAsksTheMachineToShutDown() throws ConfigurationException {
        try (ProtocolSession session = protocol(MonitorProtocol.Kind.QMP).open(machine, Map.of(
                ConnectionProtocol.CHARDEV, "qmp0"))) {
            String out = serve(session, "{\"execute\": \"qmp_capabilities\"}\n{\"execute\": \"quit\"}\n");

            assertTrue(out.startsWith("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 7, \"minor\": 7, \"major\": 7}, "
                    + "\"package\": \"emuhost 7.7.7\"}"), out);
            assertTrue(out.endsWith("{\"return\": {}}\r\n{\"return\": {}}\r\n"), out);
        }
        assertEquals(List.of("host-qmp-quit"), machine.shutdownRequests);
    }

    @Test
    void open_anOptionTheMonitorDoesNotHave_isRefused() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> protocol(MonitorProtocol.Kind.QMP).open(machine, Map.of(ConnectionProtocol.ECHO, "on")));

        assertEquals("Invalid parameter 'echo'", e.getMessage());
    }

    @Test
    void closeAll_endsTheSessionsItOpened() throws Exception {
        MonitorProtocol hmp = protocol(MonitorProtocol.Kind.HMP);
        ProtocolSession session = hmp.open(machine, Map.of());
        // a channel's stream, like a socket's: closing it wakes a read blocked in it (a
        // PipedInputStream's does not, so the test would depend on who ran first)
        java.nio.channels.Pipe pipe = java.nio.channels.Pipe.open();
        java.io.InputStream in = java.nio.channels.Channels.newInputStream(pipe.source());
        Thread serving = new Thread(() -> session.serve(in, new ByteArrayOutputStream()));
        serving.start();

        hmp.closeAll();
        serving.join(10_000);

        assertTrue(!serving.isAlive(), "closing the protocol ended the running session");
    }
}
