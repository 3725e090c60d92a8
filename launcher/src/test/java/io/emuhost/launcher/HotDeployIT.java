package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 item 1: FileInstall watches {@code -deploy DIR}; factory configuration files create a
 * backend and a device through the machine's registry, a bad one is reported with QEMU's wording
 * and disturbs nothing, and deleting the files unplugs the device and deletes the object.
 */
class HotDeployIT {

    private static final long POLL_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(15);
    private static final String NO_DEVICES = "{\"return\": []}";

    @TempDir
    Path dir;

    @Test
    void configurationFiles_createReportAndDeleteBackendAndDevice() throws Exception {
        Path deploy = dir.resolve("deploy");
        Path image = dir.resolve("pmem.img");
        try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(64L << 20); // sparse
        }
        Path qmpSocket = dir.resolve("q.sock");
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-deploy", deploy.toString(), "-machine", "pc",
                "-nodefaults", "-display", "none", "-m", "1G,maxmem=8G",
                "-qmp", "unix:" + qmpSocket + ",server=on,wait=off", "-monitor", "none");
                MonitorClient qmp = MonitorClient.negotiated(qmpSocket)) {
            assertTrue(Files.isDirectory(deploy), "the launcher creates the deploy directory");

            Files.writeString(deploy.resolve("io.emuhost.backend.file-mem1.cfg"),
                    "id=mem1\nmem-path=" + image + "\nsize=64M\nshare=on\n");
            // a device's file comes after its backend exists (a device whose memdev is missing is reported, not retried)
            poll(qmp, "query-memdev", reply -> reply.contains("\"id\": \"mem1\""));
            Files.writeString(deploy.resolve("io.emuhost.device.virtio.pmem.pci-nv1.cfg"), "id=nv1\nmemdev=mem1\n");
            String devices = poll(qmp, "query-memory-devices", reply -> reply.contains("\"nv1\""));
            assertEquals("{\"return\": [{\"type\": \"virtio-pmem\", \"data\": {\"memdev\": \"/objects/mem1\", "
                    + "\"memaddr\": 4294967296, \"size\": 67108864, \"id\": \"nv1\"}}]}", devices);
            assertTrue(query(qmp, "query-memdev").contains("\"share\": true, "
                    + "\"reserve\": true, \"prealloc\": false, \"host-nodes\": [], \"size\": 67108864"));

            Files.writeString(deploy.resolve("io.emuhost.backend.file-bad.cfg"),
                    "id=mem2\nmem-path=" + image + "\nsize=4KB\n");
            emuhost.awaitStderr("emuhost: io.emuhost.backend.file: Parameter 'size' expects a size value\n");
            assertEquals(devices, query(qmp, "query-memory-devices"), "the bad file disturbs nothing");
            assertFalse(query(qmp, "query-memdev").contains("mem2"));

            Files.delete(deploy.resolve("io.emuhost.device.virtio.pmem.pci-nv1.cfg"));
            poll(qmp, "query-memory-devices", NO_DEVICES::equals);
            assertTrue(query(qmp, "query-memdev").contains("\"id\": \"mem1\""),
                    "the backend stays while its file does");

            Files.delete(deploy.resolve("io.emuhost.backend.file-mem1.cfg"));
            poll(qmp, "query-memdev", reply -> !reply.contains("\"id\": \"mem1\""));

            query(qmp, "quit");
            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
            assertEquals("", emuhost.stdout(), "FileInstall and Config Admin keep standard output clean");
            assertEquals("emuhost: io.emuhost.backend.file: Parameter 'size' expects a size value\n", emuhost.stderr());
        }
    }

    /** Sends a command and returns its reply, skipping events (DEVICE_DELETED, SHUTDOWN) in between. */
    private static String query(MonitorClient qmp, String command) throws IOException {
        qmp.send("{\"execute\": \"" + command + "\"}\n");
        for (String line = qmp.line(); line != null; line = qmp.line()) {
            if (!line.startsWith("{\"timestamp\"")) {
                return line;
            }
        }
        throw new IOException("QMP connection closed before the reply to " + command);
    }

    /** Asks a QMP query every 100 ms until the reply matches, for at most 15 s. */
    private static String poll(MonitorClient qmp, String command, Predicate<String> done)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + POLL_TIMEOUT_NANOS;
        while (true) {
            String reply = query(qmp, command);
            if (done.test(reply)) {
                return reply;
            }
            if (System.nanoTime() - deadline > 0) {
                fail("no change in time; " + command + " still says " + reply);
            }
            Thread.sleep(100);
        }
    }
}
