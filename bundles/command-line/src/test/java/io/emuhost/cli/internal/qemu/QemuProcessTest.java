package io.emuhost.cli.internal.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: /bin/sh scripts stand in for QEMU. */
class QemuProcessTest {

    @TempDir
    Path dir;

    private static Map<String, String> env() {
        return Map.of("PATH", "/usr/bin:/bin");
    }

    @Test
    @Timeout(30)
    void passedSocketsAreQemusFourAndFive_nothingElseLeaks_andTheExitStatusComesBack() throws Exception {
        int[] first = new int[2];
        int[] second = new int[2];
        Spawn.socketpair(Spawn.AF_UNIX, Spawn.SOCK_STREAM | Spawn.O_CLOEXEC, 0, first);
        Spawn.socketpair(Spawn.AF_UNIX, Spawn.SOCK_STREAM | Spawn.O_CLOEXEC, 0, second);
        Path report = dir.resolve("fds");
        try {
            QemuProcess qemu = QemuProcess.start(List.of("/bin/sh", "-c",
                    "ls /proc/$$/fd > " + report + "; [ -S /proc/$$/fd/4 ] && [ -S /proc/$$/fd/5 ] && exit 7; exit 1"),
                    List.of(first[1], second[1]), env());

            assertEquals(7, qemu.waitFor());
            // 0-2, the two sockets; the watchdog's pipe (3) is closed in QEMU itself, and so is everything of the JVM
            // (the shell standing in for QEMU keeps a descriptor of its own at 10 or above)
            assertEquals(List.of("0", "1", "2", "4", "5"), Files.readAllLines(report).stream()
                    .filter(fd -> fd.length() == 1).sorted().toList());
        } finally {
            for (int fd : new int[] {first[0], first[1], second[0], second[1]}) {
                Spawn.closeQuietly(fd);
            }
        }
    }

    @Test
    @Timeout(30)
    void emuhostEndingFirst_theWatchdogStopsQemuWithSigterm() throws Exception {
        Path started = dir.resolve("started");
        QemuProcess qemu = QemuProcess.start(List.of("/bin/sh", "-c", "touch " + started + "; exec sleep 60"),
                List.of(), env());
        for (int i = 0; i < 500 && !Files.exists(started); i++) {
            Thread.sleep(10);
        }
        assertTrue(Files.exists(started));

        qemu.abandon(); // as emuhost's exit (or SIGKILL) closes the pipe

        assertEquals(128 + 15, qemu.waitFor());
    }

    @Test
    void signalledStatus_isOneHundredTwentyEightPlusTheSignal() throws Exception {
        QemuProcess qemu = QemuProcess.start(List.of("/bin/sh", "-c", "kill -KILL $$"), List.of(), env());
        assertEquals(128 + 9, qemu.waitFor());
    }
}
