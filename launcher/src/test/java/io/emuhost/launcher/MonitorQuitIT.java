package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quit} on a socket monitor ends emuhost with 0, after QEMU's last messages; sockets are unlinked. */
class MonitorQuitIT {

    private static final String SHUTDOWN = "\\{\"timestamp\": \\{\"seconds\": \\d+, \"microseconds\": \\d+}, "
            + "\"event\": \"SHUTDOWN\", \"data\": \\{\"guest\": false, \"reason\": \"host-qmp-quit\"}}";

    @TempDir
    Path dir;

    @Test
    void qmpQuit_sendsShutdownThenReturnToEveryClientAndExitsZero() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-nodefaults",
                "-qmp", "unix:q.sock,server=on,wait=off", "-monitor", "unix:h.sock,server=on,wait=off");
                MonitorClient quitter = MonitorClient.negotiated(dir.resolve("q.sock"));
                MonitorClient other = MonitorClient.negotiated(dir.resolve("q.sock"))) {
            quitter.send("{\"execute\": \"quit\", \"id\": \"bye\"}\n");

            assertTrue(quitter.line().matches(SHUTDOWN));
            assertEquals("{\"return\": {}, \"id\": \"bye\"}", quitter.line());
            assertNull(quitter.line());
            assertTrue(other.line().matches(SHUTDOWN));
            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
            assertFalse(Files.exists(dir.resolve("q.sock")));
            assertFalse(Files.exists(dir.resolve("h.sock")));
        }
    }

    @Test
    void hmpQuitOnSocket_exitsZeroAndQmpClientsGetShutdown() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-nodefaults",
                "-qmp", "unix:q.sock,server=on,wait=off", "-monitor", "unix:h.sock,server=on,wait=off");
                MonitorClient qmp = MonitorClient.negotiated(dir.resolve("q.sock"));
                MonitorClient hmp = MonitorClient.unix(dir.resolve("h.sock"))) {
            hmp.until("(qemu) ");

            hmp.send("quit\r");

            assertTrue(qmp.line().matches(SHUTDOWN));
            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
        }
    }
}
