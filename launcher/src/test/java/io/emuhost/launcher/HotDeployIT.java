package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4 item 1: FileInstall watches {@code -deploy DIR}; factory configuration files create a
 * backend and a device through the machine's registry, a bad one is reported with QEMU's wording
 * and disturbs nothing, and deleting the files unplugs the device and deletes the object.
 */
class HotDeployIT {

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

            Files.writeString(deploy.resolve("io.emuhost.object-mem1.cfg"),
                    "qom-type=memory-backend-file\nid=mem1\nmem-path=" + image + "\nsize=64M\nshare=on\n");
            // a device's file comes after its backend exists (a device whose memdev is missing is reported, not retried)
            qmp.poll("query-memdev", reply -> reply.contains("\"id\": \"mem1\""));
            Files.writeString(deploy.resolve("io.emuhost.device-nv1.cfg"), "driver=virtio-pmem-pci\nid=nv1\nmemdev=mem1\n");
            String devices = qmp.poll("query-memory-devices", reply -> reply.contains("\"nv1\""));
            assertEquals("{\"return\": [{\"type\": \"virtio-pmem\", \"data\": {\"memdev\": \"/objects/mem1\", "
                    + "\"memaddr\": 4294967296, \"size\": 67108864, \"id\": \"nv1\"}}]}", devices);
            assertTrue(qmp.query("query-memdev").contains("\"share\": true, "
                    + "\"reserve\": true, \"prealloc\": false, \"host-nodes\": [], \"size\": 67108864"));

            Files.writeString(deploy.resolve("io.emuhost.object-bad.cfg"),
                    "qom-type=memory-backend-file\nid=mem2\nmem-path=" + image + "\nsize=4KB\n");
            emuhost.awaitStderr("emuhost: io.emuhost.object: Parameter 'size' expects a size value\n");
            assertEquals(devices, qmp.query("query-memory-devices"), "the bad file disturbs nothing");
            assertFalse(qmp.query("query-memdev").contains("mem2"));

            Files.delete(deploy.resolve("io.emuhost.device-nv1.cfg"));
            qmp.poll("query-memory-devices", NO_DEVICES::equals);
            assertTrue(qmp.query("query-memdev").contains("\"id\": \"mem1\""),
                    "the backend stays while its file does");

            Files.delete(deploy.resolve("io.emuhost.object-mem1.cfg"));
            qmp.poll("query-memdev", reply -> !reply.contains("\"id\": \"mem1\""));

            qmp.query("quit");
            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
            assertEquals("", emuhost.stdout(), "FileInstall and Config Admin keep standard output clean");
            assertEquals("emuhost: io.emuhost.object: Parameter 'size' expects a size value\n", emuhost.stderr());
        }
    }
}
