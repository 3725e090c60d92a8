package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.deploy.EffectiveUser;
import io.emuhost.deploy.TrustedPaths;
import io.emuhost.deploy.UntrustedPathException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 1: the per-user bundle cache is created private, reused, keyed by content, and
 * refused (nothing loaded from it) when another user could have written it.
 */
class BundleCacheTest {

    @TempDir
    Path dir;

    private Path home;
    private LauncherJar jar;
    private TrustedPaths rules;

    @BeforeEach
    void privateHomeAndJar() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        home = Files.createDirectory(dir.resolve("home"));
        jar = LauncherJar.open(launcherJar(dir.resolve("emuhost.jar"), "one"));
        rules = new TrustedPaths(EffectiveUser.id());
    }

    @Test
    void bundles_firstStart_extractsIntoPrivateDirectories() throws Exception {
        Path root = home.resolve(".cache").resolve("emuhost");

        Path bundles = new BundleCache(root, rules).bundles(jar);

        assertEquals(root, bundles.getParent());
        assertTrue(bundles.getFileName().toString().startsWith("bundles-" + LauncherJar.version() + "-"));
        for (Path created : List.of(root.getParent(), root, bundles)) {
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(created)), created.toString());
        }
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(bundles.resolve("a-1.0.jar"))));
        assertArrayEquals("a one".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(bundles.resolve("a-1.0.jar")));
        assertEquals(List.of("a-1.0.jar", "b-2.0.jar"), BundleJars.names(bundles));
        try (Stream<Path> entries = Files.list(root)) {
            assertEquals(List.of(bundles), entries.toList(), "no partial extraction is left behind");
        }
    }

    @Test
    void bundles_laterStart_reusesTheSameDirectory() throws Exception {
        Path root = home.resolve("emuhost");
        Path first = new BundleCache(root, rules).bundles(jar);
        Files.writeString(first.resolve("marker"), "");
        Files.setPosixFilePermissions(first.resolve("marker"), PosixFilePermissions.fromString("rw-------"));

        Path second = new BundleCache(root, rules).bundles(jar);

        assertEquals(first, second);
        assertTrue(Files.exists(second.resolve("marker")), "not extracted again");
    }

    @Test
    void bundles_rebuiltJar_getsItsOwnDirectory() throws Exception {
        Path root = home.resolve("emuhost");
        Path first = new BundleCache(root, rules).bundles(jar);
        LauncherJar rebuilt = LauncherJar.open(launcherJar(dir.resolve("rebuilt.jar"), "two"));

        Path second = new BundleCache(root, rules).bundles(rebuilt);

        assertNotEquals(first, second);
        assertArrayEquals("a two".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(second.resolve("a-1.0.jar")));
    }

    @Test
    void bundles_groupWritableRoot_isRefusedWithoutWritingIntoIt() throws Exception {
        Path root = Files.createDirectory(home.resolve("emuhost"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxr-x"));

        UntrustedPathException e = assertThrows(UntrustedPathException.class, () -> new BundleCache(root, rules).bundles(jar));

        assertEquals(root.toRealPath() + " is writable by group or others (mode 0775)", e.getMessage());
        try (Stream<Path> entries = Files.list(root)) {
            assertEquals(0, entries.count());
        }
    }

    @Test
    void bundles_worldWritableBundleFile_isRefused() throws Exception {
        Path root = home.resolve("emuhost");
        Path bundles = new BundleCache(root, rules).bundles(jar);
        Files.setPosixFilePermissions(bundles.resolve("b-2.0.jar"), PosixFilePermissions.fromString("rw-rw-rw-"));

        UntrustedPathException e = assertThrows(UntrustedPathException.class, () -> new BundleCache(root, rules).bundles(jar));

        assertEquals(bundles.resolve("b-2.0.jar").toRealPath() + " is writable by group or others (mode 0666)", e.getMessage());
    }

    @Test
    void bundles_rootOwnedByAnotherUser_isRefused() throws Exception {
        Path root = home.resolve("emuhost");
        new BundleCache(root, rules).bundles(jar);
        TrustedPaths otherUser = new TrustedPaths(EffectiveUser.id() + 1);

        UntrustedPathException e = assertThrows(UntrustedPathException.class, () -> new BundleCache(root, otherUser).bundles(jar));

        assertTrue(e.getMessage().startsWith(root.toRealPath() + " is owned by uid " + EffectiveUser.id()), e.getMessage());
    }

    @Test
    void bundles_writableParent_isRefusedBeforeAnythingIsCreated() throws Exception {
        Path shared = Files.createDirectory(home.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path root = shared.resolve("emuhost");

        UntrustedPathException e = assertThrows(UntrustedPathException.class, () -> new BundleCache(root, rules).bundles(jar));

        assertEquals(shared.toRealPath() + " is writable by group or others (mode 0777)", e.getMessage());
        assertFalse(Files.exists(root));
    }

    @Test
    void bundles_truncatedBundle_isNotUsed() throws Exception {
        Path root = home.resolve("emuhost");
        Path bundles = new BundleCache(root, rules).bundles(jar);
        Files.writeString(bundles.resolve("a-1.0.jar"), "a");

        IOException e = assertThrows(IOException.class, () -> new BundleCache(root, rules).bundles(jar));

        assertEquals(bundles + " does not hold emuhost.jar's bundles", e.getMessage());
    }

    @Test
    void directory_unsafeCache_saysSoAndFallsBackToAPrivateCopy() throws Exception {
        Path xdg = Files.createDirectory(home.resolve("xdg"));
        Path root = Files.createDirectory(xdg.resolve("emuhost"));
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path storage = Files.createDirectory(dir.resolve("storage"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        Path bundles = BundleSource.directory(jar, storage, Map.of("XDG_CACHE_HOME", xdg.toString()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertEquals(storage.resolve("bundles"), bundles);
        assertEquals(List.of("a-1.0.jar", "b-2.0.jar"), BundleJars.names(bundles));
        assertEquals("emuhost: not using the bundle cache " + root + ": " + root.toRealPath()
                + " is writable by group or others (mode 0777); using a temporary copy\n", err.toString(StandardCharsets.UTF_8));
    }

    /** A launcher-like jar with two bundle entries (and a class file, which is not a bundle). */
    private static Path launcherJar(Path path, String content) throws IOException {
        try (OutputStream file = Files.newOutputStream(path); JarOutputStream out = new JarOutputStream(file)) {
            for (String name : List.of("bundles/a-1.0.jar", "bundles/b-2.0.jar", "io/emuhost/launcher/Main.class")) {
                out.putNextEntry(new ZipEntry(name));
                out.write((name.substring(name.lastIndexOf('/') + 1, name.lastIndexOf('/') + 2) + " " + content)
                        .getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return path;
    }
}
