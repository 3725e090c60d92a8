package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 items 1 and 2 through emuhost.jar: nothing is loaded from, or created in, a directory
 * the user did not name; a deploy directory or entry another user could have written is refused,
 * at start (exit 1) and while running (logged, not loaded); a failed start leaves nothing behind.
 */
class DeploySecurityIT {


    @TempDir
    Path dir;

    private Path work;

    @BeforeEach
    void privateDirectories() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        work = Files.createDirectory(dir.resolve("work"));
    }

    @Test
    void withoutDeployOption_theWorkingDirectorysDeployIsIgnoredAndNothingIsCreated() throws Exception {
        Path ignored = Files.createDirectory(work.resolve("deploy"));
        backendConfiguration(ignored, "m", dir.resolve("m.img"));
        Path qmpSocket = dir.resolve("q.sock");
        try (EmuhostProcess emuhost = EmuhostProcess.start(work, "-nodefaults", "-monitor", "none",
                "-qmp", "unix:" + qmpSocket + ",server=on,wait=off");
                MonitorClient qmp = MonitorClient.negotiated(qmpSocket)) {
            String memdevs = qmp.query("query-memdev");
            qmp.query("quit");

            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
            assertFalse(memdevs.contains("\"m\""), memdevs);
        }
        assertEquals(List.of(ignored), entries(work), "nothing new in the working directory");
        assertFalse(Files.exists(dir.resolve("m.img")), "the ignored configuration created no file");
    }

    @Test
    void namedDeployDirectory_isWatchedAndTheWorkingDirectorysIsNot() throws Exception {
        Path named = Files.createDirectory(dir.resolve("named"));
        backendConfiguration(named, "n", dir.resolve("n.img"));
        backendConfiguration(Files.createDirectory(work.resolve("deploy")), "m", dir.resolve("m.img"));
        Path qmpSocket = dir.resolve("q.sock");
        try (EmuhostProcess emuhost = EmuhostProcess.start(work, "-deploy", named.toString(), "-nodefaults",
                "-monitor", "none", "-qmp", "unix:" + qmpSocket + ",server=on,wait=off");
                MonitorClient qmp = MonitorClient.negotiated(qmpSocket)) {
            String memdevs = qmp.poll("query-memdev", reply -> reply.contains("\"id\": \"n\""));
            qmp.query("quit");

            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
            assertFalse(memdevs.contains("\"id\": \"m\""), memdevs);
            assertEquals("", emuhost.stderr());
        }
    }

    @Test
    void worldWritableDeployDirectory_isRefusedBeforeAnythingStarts() throws Exception {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        backendConfiguration(shared, "m", dir.resolve("m.img"));
        try (EmuhostProcess emuhost = EmuhostProcess.start(work, "-deploy", "../shared", "-nodefaults",
                "-monitor", "none")) {
            assertEquals(1, emuhost.awaitExit());
            assertEquals("emuhost: -deploy ../shared: " + shared.toRealPath() + " is writable by group or others"
                    + " (mode 0777); refusing to load code or configuration from it\n", emuhost.stderr());
        }
        assertFalse(Files.exists(dir.resolve("m.img")));
        assertEquals(List.of(), entries(work));
    }

    @Test
    void entryWritableByOthersAtStart_isRefusedBeforeAnythingStarts() throws Exception {
        Path deploy = Files.createDirectory(dir.resolve("deploy"));
        Path cfg = backendConfiguration(deploy, "m", dir.resolve("m.img"));
        Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rw-rw-rw-"));
        try (EmuhostProcess emuhost = EmuhostProcess.start(work, "-deploy", deploy.toString(), "-nodefaults",
                "-monitor", "none")) {
            assertEquals(1, emuhost.awaitExit());
            assertEquals("emuhost: -deploy " + deploy + ": " + cfg.toRealPath() + " is writable by group or others"
                    + " (mode 0666); refusing to load code or configuration from it\n", emuhost.stderr());
        }
        assertFalse(Files.exists(dir.resolve("m.img")));
    }

    @Test
    void entryWritableByOthersDroppedWhileRunning_isRefusedAndATrustedOneStillApplies() throws Exception {
        Path deploy = Files.createDirectory(dir.resolve("deploy"));
        Path qmpSocket = dir.resolve("q.sock");
        try (EmuhostProcess emuhost = EmuhostProcess.start(work, "-deploy", deploy.toString(), "-nodefaults",
                "-monitor", "none", "-qmp", "unix:" + qmpSocket + ",server=on,wait=off");
                MonitorClient qmp = MonitorClient.negotiated(qmpSocket)) {
            // written elsewhere and renamed in, so that FileInstall never sees it with a safe mode
            Path staged = backendConfiguration(dir, "bad", dir.resolve("bad.img"));
            Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-rw-rw-"));
            Path bad = Files.move(staged, deploy.resolve(staged.getFileName()), StandardCopyOption.ATOMIC_MOVE);
            emuhost.awaitStderr("emuhost: error: UntrustedArtifactGuard: refused " + bad + ": " + bad.toRealPath()
                    + " is writable by group or others (mode 0666)\n");

            backendConfiguration(deploy, "good", dir.resolve("good.img"));
            String memdevs = qmp.poll("query-memdev", reply -> reply.contains("\"id\": \"good\""));
            qmp.query("quit");

            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
            assertFalse(memdevs.contains("\"id\": \"bad\""), memdevs);
        }
        assertFalse(Files.exists(dir.resolve("bad.img")), "the refused configuration opened nothing");
    }

    @Test
    void duplicateObjectId_failsBeforeAnyFileOrDirectoryIsCreated() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(work, "-deploy", "newdeploy", "-nodefaults",
                "-monitor", "none", "-m", "1G,maxmem=4G",
                "-object", "memory-backend-file,id=m,share=on,mem-path=a.img,size=1M",
                "-object", "memory-backend-file,id=m,share=on,mem-path=b.img,size=1M")) {
            assertEquals(1, emuhost.awaitExit());
            assertEquals("emuhost: -object memory-backend-file,id=m,share=on,mem-path=b.img,size=1M: "
                    + "Duplicate ID 'm' for object\n", emuhost.stderr());
        }
        assertEquals(List.of(), entries(work), "no backing file and no deploy directory");
    }

    @Test
    void duplicateDeviceId_failsBeforeAnyFileIsCreated() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(work, "-nodefaults", "-monitor", "none",
                "-m", "1G,maxmem=4G", "-object", "memory-backend-file,id=m,share=on,mem-path=a.img,size=1M",
                "-device", "virtio-pmem-pci,memdev=m,id=nv1", "-device", "virtio-pmem-pci,memdev=m,id=nv1")) {
            assertEquals(1, emuhost.awaitExit());
            assertEquals("emuhost: -device virtio-pmem-pci,memdev=m,id=nv1: Duplicate ID 'nv1' for device\n",
                    emuhost.stderr());
        }
        assertEquals(List.of(), entries(work));
    }

    @Test
    void deviceRefusedAfterItsBackendCreatedAFile_theFileIsRemovedAndAnExistingOneKept() throws Exception {
        byte[] page = new byte[4096];
        page[0] = 7;
        Path existing = Files.write(work.resolve("old.img"), page);
        try (EmuhostProcess emuhost = EmuhostProcess.start(work, "-nodefaults", "-monitor", "none",
                "-m", "1G,maxmem=4G", "-object", "memory-backend-file,id=m,share=on,mem-path=new.img,size=1M",
                "-object", "memory-backend-file,id=o,share=on,mem-path=old.img,size=4K",
                "-device", "virtio-pmem-pci,memdev=nosuch,id=nv1")) {
            assertEquals(1, emuhost.awaitExit());
            assertEquals("emuhost: -device virtio-pmem-pci,memdev=nosuch,id=nv1: Device 'nosuch' not found\n",
                    emuhost.stderr());
        }
        assertEquals(List.of(existing), entries(work), "new.img is gone, old.img stays");
        assertEquals(7, Files.readAllBytes(existing)[0]);
    }

    @Test
    void malformedCommandLine_removesTheDeployDirectoryItCreated() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(work, "-deploy", "newdeploy", "-nodefaults",
                "-monitor", "none", "-m", "nonsense")) {
            assertEquals(1, emuhost.awaitExit());
            assertTrue(emuhost.stderr().startsWith("emuhost: -m nonsense: "), emuhost.stderr());
        }
        assertEquals(List.of(), entries(work));
    }

    private static Path backendConfiguration(Path directory, String id, Path image) throws IOException {
        return Files.writeString(directory.resolve("io.emuhost.object-" + id + ".cfg"),
                "qom-type=memory-backend-file\nid=" + id + "\nmem-path=" + image + "\nsize=1M\nshare=on\n");
    }

    private static List<Path> entries(Path directory) throws IOException {
        try (Stream<Path> list = Files.list(directory)) {
            return list.sorted().toList();
        }
    }
}
