package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitors' defences (issue 9 items 4 to 6), in one emuhost started under {@code umask 000}:
 * socket files 0600, a warning for a monitor reachable from the network, a bounded number of
 * clients per monitor, one reply per oversized request.
 */
class MonitorHardeningIT {

    /** {@code ChardevServer.MAX_CONCURRENT_CLIENTS} (an internal constant, not importable here). */
    private static final int MAX_CLIENTS = 16;

    private static final String REFUSAL = "{\"error\": {\"class\": \"GenericError\", \"desc\": \"too many clients of"
            + " chardev 'compat_monitor1' (at most " + MAX_CLIENTS + " at once); try again later\"}}";

    @TempDir
    static Path dir;

    private static EmuhostProcess emuhost;
    private static int wildcardPort;
    private static int loopbackPort;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket one = new ServerSocket(0); ServerSocket two = new ServerSocket(0)) {
            wildcardPort = one.getLocalPort();
            loopbackPort = two.getLocalPort();
        }
        emuhost = EmuhostProcess.startWithUmask(dir, "000", "-nodefaults",
                "-qmp", "unix:q.sock,server=on,wait=off",
                "-qmp", "unix:idle.sock,server=on,wait=off",
                "-monitor", "unix:hmp.sock,server=on,wait=off",
                "-qmp", "tcp::" + wildcardPort + ",server=on,wait=off",
                "-qmp", "tcp:127.0.0.1:" + loopbackPort + ",server=on,wait=off",
                "-qtest", "unix:qt.sock,server=on,wait=off", "-qtest-log", "none");
        MonitorClient.negotiated(dir.resolve("q.sock")).close();
        MonitorClient.tcp(loopbackPort).close();
    }

    @AfterAll
    static void stop() {
        emuhost.close();
    }

    @Test
    void unixSockets_areMode0600UnderUmask000() throws Exception {
        for (String socket : List.of("q.sock", "idle.sock", "hmp.sock", "qt.sock")) {
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(dir.resolve(socket)),
                    socket);
        }
        assertEquals("0000", status("Umask"), "emuhost runs under umask 000");
    }

    @Test
    void wildcardTcpMonitor_isWarnedAboutOnceAndLoopbackNot() throws InterruptedException {
        String warning = "emuhost: -qmp tcp::" + wildcardPort + ",server=on,wait=off: warning: the socket listens on"
                + " every network interface: anyone who can reach port " + wildcardPort + " controls emuhost; bind it"
                + " to 127.0.0.1 or use a unix socket to keep it local";
        emuhost.awaitStderr(warning);
        String stderr = emuhost.stderr();
        assertEquals(1, stderr.split("warning: the socket listens", -1).length - 1, stderr);
    }

    @Test
    void thousandIdleClients_costBoundedThreadsAndANewClientIsServedWithinTheCap() throws Exception {
        Path socket = dir.resolve("idle.sock");
        int before = threads();
        List<MonitorClient> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                idle.add(MonitorClient.unix(socket));
            }
            for (int i = 0; i < MAX_CLIENTS; i++) {
                assertEquals(MonitorClient.GREETING, idle.get(i).line());
            }
            for (int i = MAX_CLIENTS; i < idle.size(); i++) {
                assertEquals(REFUSAL, idle.get(i).line());
                assertNull(idle.get(i).line());
            }
            int during = threads();
            // two threads per QMP client; some slack for the JVM's own (compiler threads come and go)
            assertTrue(during <= before + 2 * MAX_CLIENTS + 16, "threads: " + before + " before, " + during + " with idle clients");

            idle.remove(0).close();
            try (MonitorClient next = servedEventually(socket)) {
                assertEquals("{\"return\": {}}", next.ask("{\"execute\": \"qmp_capabilities\"}"));
                assertTrue(next.ask("{\"execute\": \"query-status\", \"id\": 5}").matches("\\{\"return\": \\{.*\"id\": 5}"));
            }
        } finally {
            for (MonitorClient client : idle) {
                client.close();
            }
        }
    }

    /** Connects until a client is greeted rather than refused (the server sees a departure on its own time). */
    private static MonitorClient servedEventually(Path socket) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            MonitorClient client = MonitorClient.unix(socket);
            String first = client.line();
            if (!REFUSAL.equals(first) || attempt == 1000) {
                assertEquals(MonitorClient.GREETING, first);
                return client;
            }
            client.close();
            Thread.sleep(10);
        }
    }

    @Test
    void oneMebibyteArgument_getsOneReplyAndTheNextReplyMatchesItsId() throws Exception {
        try (MonitorClient client = MonitorClient.negotiated(dir.resolve("q.sock"))) {
            client.send("{\"execute\": \"query-status\", \"arguments\": {\"pad\": \"" + "x".repeat(1 << 20)
                    + "\"}, \"id\": 1}\n{\"execute\": \"query-name\", \"id\": 2}\n");

            assertEquals("{\"id\": 1, \"error\": {\"class\": \"GenericError\", \"desc\": \"Parameter 'pad' is unexpected\"}}",
                    client.line());
            assertEquals("{\"return\": {}, \"id\": 2}", client.line());
        }
    }

    /** Issue 9 item 7: the heap of launcher/jvm.options holds one value at QEMU's limit while it is parsed. */
    @Test
    void valueJustUnderQemusLimit_isParsedWithinTheBoundedHeapAndAnswered() throws Exception {
        try (MonitorClient client = MonitorClient.negotiated(dir.resolve("q.sock"))) {
            client.send("{\"execute\": \"query-status\", \"arguments\": {\"pad\": \"");
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 63; i++) {
                client.send(chunk);
            }
            client.send("\"}, \"id\": 1}\n{\"execute\": \"query-name\", \"id\": 2}\n".getBytes(StandardCharsets.UTF_8));

            assertEquals("{\"id\": 1, \"error\": {\"class\": \"GenericError\", \"desc\": \"Parameter 'pad' is unexpected\"}}",
                    client.line());
            assertEquals("{\"return\": {}, \"id\": 2}", client.line());
        }
    }

    @Test
    void valueOverQemusLimit_getsOneErrorAndTheSessionStaysInStep() throws Exception {
        try (MonitorClient client = MonitorClient.negotiated(dir.resolve("q.sock"))) {
            client.send("{\"execute\": \"query-status\", \"arguments\": {\"pad\": [\"");
            byte[] chunk = new byte[1 << 20];
            Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 65; i++) {
                client.send(chunk);
            }
            client.send("\", {\"more\": [1, 2]}]}, \"id\": 1}\n{\"execute\": \"query-name\", \"id\": 2}\n"
                    .getBytes(StandardCharsets.UTF_8));

            assertEquals("{\"error\": {\"class\": \"GenericError\", \"desc\": \"JSON token size limit exceeded\"}}",
                    client.line());
            assertEquals("{\"return\": {}, \"id\": 2}", client.line());
        }
    }

    private static int threads() throws IOException {
        return Integer.parseInt(status("Threads"));
    }

    /** A field of emuhost's /proc/PID/status. */
    private static String status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(emuhost.pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim();
            }
        }
        throw new IOException("no " + field + " in /proc/" + emuhost.pid() + "/status");
    }
}
