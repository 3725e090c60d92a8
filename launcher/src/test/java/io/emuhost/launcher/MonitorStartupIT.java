package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chardev start-up: {@code wait=on}, bind failures, the qtest socket. */
class MonitorStartupIT {

    @TempDir
    Path dir;

    @Test
    void waitOn_holdsStartUpUntilAClientConnects() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-nodefaults", "-qmp", "unix:w.sock,server=on",
                "-qmp", "unix:q.sock,server=on,wait=off")) {
            emuhost.awaitStderr("emuhost: -qmp unix:w.sock,server=on: info: QEMU waiting for connection on: "
                    + "disconnected:unix:w.sock,server=on\n");
            assertFalse(dir.resolve("q.sock").toFile().exists(), "the next chardev waits too");

            try (MonitorClient first = MonitorClient.qmp(dir.resolve("w.sock"));
                    MonitorClient second = MonitorClient.negotiated(dir.resolve("q.sock"))) {
                assertEquals("{\"return\": {}}", first.ask("{\"execute\": \"qmp_capabilities\"}"));
                assertEquals("{\"return\": {}}", second.ask("{\"execute\": \"query-name\"}"));
            }
        }
    }

    @Test
    void bindFailure_isReportedAtTheOptionAndExitsOne() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-qmp", "unix:no/such/dir/q.sock,server=on,wait=off")) {
            assertEquals(1, emuhost.awaitExit());
            assertEquals("emuhost: -qmp unix:no/such/dir/q.sock,server=on,wait=off: Failed to bind socket to "
                    + "no/such/dir/q.sock: No such file or directory\n", emuhost.stderr());
        }
    }

    @Test
    void badChardev_isQemusParseError() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-qmp", "foo")) {
            assertEquals(1, emuhost.awaitExit());
            assertEquals("emuhost: -qmp foo: 'foo' is not a valid char driver\nemuhost: -qmp foo: parse error: foo\n",
                    emuhost.stderr());
        }
    }

    @Test
    void qtestSocket_servesTheQtestProtocol() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-nodefaults", "-accel", "qtest",
                "-qtest", "unix:t.sock,server=on,wait=off", "-qtest-log", "none");
                MonitorClient qtest = MonitorClient.unix(dir.resolve("t.sock"))) {
            qtest.send("endianness\n");

            assertEquals("OK little\n", qtest.until("\n"));
            assertTrue(emuhost.stderr().isEmpty(), emuhost.stderr());
        }
    }
}
