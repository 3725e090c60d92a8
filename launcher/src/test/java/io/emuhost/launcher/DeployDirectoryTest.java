package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9 items 1 and 2: the deploy directory is checked, created only when named, removed after a failed start. */
class DeployDirectoryTest {

    @TempDir
    Path dir;

    @BeforeEach
    void privateDirectory() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void prepare_missingDirectory_createsItPrivate() throws Exception {
        DeployDirectory deploy = DeployDirectory.prepare(dir.resolve("deploy"));

        assertTrue(deploy.created());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(deploy.path())));
    }

    @Test
    void removeIfCreatedAndEmpty_createdAndEmpty_removesIt() throws Exception {
        DeployDirectory deploy = DeployDirectory.prepare(dir.resolve("deploy"));

        deploy.removeIfCreatedAndEmpty();

        assertFalse(Files.exists(deploy.path()));
    }

    @Test
    void removeIfCreatedAndEmpty_existingDirectory_staysEvenIfEmpty() throws Exception {
        Path existing = Files.createDirectory(dir.resolve("deploy"));
        DeployDirectory deploy = DeployDirectory.prepare(existing);

        deploy.removeIfCreatedAndEmpty();

        assertFalse(deploy.created());
        assertTrue(Files.isDirectory(existing));
    }

    @Test
    void prepare_worldWritableDirectory_isRefused() throws IOException {
        Path shared = Files.createDirectory(dir.resolve("deploy"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        DeployDirectory.RefusedException e = assertThrows(DeployDirectory.RefusedException.class,
                () -> DeployDirectory.prepare(shared));

        assertEquals(shared + " is writable by group or others (mode 0777); refusing to load code or configuration"
                + " from it", e.getMessage());
    }

    @Test
    void prepare_entryWritableByGroup_isRefusedNamingTheEntry() throws IOException {
        Path deploy = Files.createDirectory(dir.resolve("deploy"));
        Path cfg = Files.writeString(deploy.resolve("io.emuhost.object-m.cfg"), "id=m\n");
        Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rw-rw----"));

        DeployDirectory.RefusedException e = assertThrows(DeployDirectory.RefusedException.class,
                () -> DeployDirectory.prepare(deploy));

        assertTrue(e.getMessage().startsWith(cfg + " is writable by group or others (mode 0660)"), e.getMessage());
    }

    @Test
    void prepare_missingParent_isRefusedAndCreatesNothing() {
        Path deep = dir.resolve("no/such/deploy");

        DeployDirectory.RefusedException e = assertThrows(DeployDirectory.RefusedException.class,
                () -> DeployDirectory.prepare(deep));

        assertEquals(dir.resolve("no/such") + ": No such file or directory", e.getMessage());
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void prepare_regularFile_isRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("deploy"), "");

        DeployDirectory.RefusedException e = assertThrows(DeployDirectory.RefusedException.class,
                () -> DeployDirectory.prepare(file));

        assertEquals("not a directory", e.getMessage());
    }
}
