package io.emuhost.deploy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The StrictModes rules on real files. "Another user" is played without root by checking our own
 * files with the rules of a uid that is not ours.
 */
class TrustedPathsTest {

    @TempDir
    Path dir;

    private int me;
    private TrustedPaths rules;

    @BeforeEach
    void setUp() throws IOException {
        me = EffectiveUser.id();
        rules = new TrustedPaths(me);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void check_ownFileNotWritableByOthers_isTrusted() throws IOException {
        Path jar = file("a.jar", "rw-r--r--");

        assertDoesNotThrow(() -> rules.check(jar));
    }

    @Test
    void check_fileWritableByGroup_isRefusedWithItsMode() throws IOException {
        Path cfg = file("x.cfg", "rw-rw-r--");

        UntrustedPathException e = assertThrows(UntrustedPathException.class, () -> rules.check(cfg));

        assertEquals(cfg.toRealPath() + " is writable by group or others (mode 0664)", e.getMessage());
    }

    @Test
    void check_fileOfAnotherUser_isRefusedNamingBothUsers() throws IOException {
        Path jar = file("a.jar", "rw-r--r--");
        int other = me + 4242;

        UntrustedPathException e = assertThrows(UntrustedPathException.class,
                () -> new TrustedPaths(other).check(jar));

        assertEquals(jar.toRealPath() + " is owned by uid " + me + ", not by the effective user (uid " + other + ")",
                e.getMessage());
    }

    @Test
    void check_directoryAboveOwnedByAnotherUser_isRefused() throws IOException {
        assumeTrue(me == 0, "giving a directory to another user needs root");
        Path sub = Files.createDirectory(dir.resolve("sub"));
        Path jar = file("sub/a.jar", "rw-r--r--");
        Files.setAttribute(sub, "unix:uid", 4242);

        UntrustedPathException e = assertThrows(UntrustedPathException.class, () -> rules.check(jar));

        assertEquals(sub.toRealPath() + " is owned by uid 4242, neither root nor the effective user (uid 0)",
                e.getMessage());
    }

    @Test
    void check_directoryAboveWritableByOthersWithoutStickyBit_isRefused() throws IOException {
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Path jar = file("shared/a.jar", "rw-r--r--");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));

        UntrustedPathException e = assertThrows(UntrustedPathException.class, () -> rules.check(jar));

        assertEquals(shared.toRealPath(), e.path());
        assertEquals(shared.toRealPath() + " is writable by group or others and not sticky (mode 0777)",
                e.getMessage());
    }

    @Test
    void check_directoryAboveWritableByOthersWithStickyBit_isTrusted() throws IOException {
        Path shared = Files.createDirectory(dir.resolve("tmp"));
        Path jar = file("tmp/a.jar", "rw-r--r--");
        Files.setAttribute(shared, "unix:mode", 01777);

        assertDoesNotThrow(() -> rules.check(jar));
    }

    @Test
    void check_symbolicLinkToUntrustedFile_isRefusedNamingTheTarget() throws IOException {
        Path target = file("target.jar", "rw-rw-rw-");
        Path link = Files.createSymbolicLink(dir.resolve("link.jar"), target);

        UntrustedPathException e = assertThrows(UntrustedPathException.class, () -> rules.check(link));

        assertEquals(target.toRealPath(), e.path());
    }

    @Test
    void checkTree_untrustedFileInsideAnExplodedBundle_isRefused() throws IOException {
        Files.createDirectories(dir.resolve("bundle/META-INF"));
        file("a.cfg", "rw-------");
        Path manifest = file("bundle/META-INF/MANIFEST.MF", "rw-rw-rw-");

        UntrustedPathException e = assertThrows(UntrustedPathException.class, () -> rules.checkTree(dir));

        assertEquals(manifest.toRealPath(), e.path());
    }

    @Test
    void checkTree_directoryWritableByOthers_isRefusedBeforeItsEntries() throws IOException {
        file("a.jar", "rw-r--r--");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwx---"));

        UntrustedPathException e = assertThrows(UntrustedPathException.class, () -> rules.checkTree(dir));

        assertEquals(dir.toRealPath() + " is writable by group or others (mode 0770)", e.getMessage());
    }

    @Test
    void checkTree_missingDirectory_isAnIoError() {
        assertThrows(IOException.class, () -> rules.checkTree(dir.resolve("nowhere")));
    }

    private Path file(String name, String permissions) throws IOException {
        Path path = Files.writeString(dir.resolve(name), name);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
        return path;
    }
}
