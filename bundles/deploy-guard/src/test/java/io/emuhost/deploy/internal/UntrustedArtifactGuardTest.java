package io.emuhost.deploy.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.deploy.EffectiveUser;
import io.emuhost.deploy.TrustedPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The guard claims exactly the entries the rules refuse, so FileInstall's installers never see them. */
class UntrustedArtifactGuardTest {

    @TempDir
    Path dir;

    private UntrustedArtifactGuard guard;

    @BeforeEach
    void setUp() throws IOException {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        guard = new UntrustedArtifactGuard(new TrustedPaths(EffectiveUser.id()));
    }

    @Test
    void canHandle_trustedJar_leavesItToFileInstall() throws IOException {
        Path jar = Files.writeString(dir.resolve("a.jar"), "jar");
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));

        assertFalse(guard.canHandle(jar.toFile()));
    }

    @Test
    void canHandle_worldWritableConfiguration_claimsIt() throws IOException {
        Path cfg = Files.writeString(dir.resolve("io.emuhost.object-m.cfg"), "id=m\n");
        Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rw-rw-rw-"));

        assertTrue(guard.canHandle(cfg.toFile()));
        guard.install(cfg.toFile()); // logs the refusal, installs nothing
    }

    @Test
    void canHandle_explodedBundleWithAnUntrustedFile_claimsIt() throws IOException {
        Path bundle = Files.createDirectories(dir.resolve("b/META-INF"));
        Files.setPosixFilePermissions(Files.writeString(bundle.resolve("MANIFEST.MF"), "x"),
                PosixFilePermissions.fromString("rw-rw-rw-"));

        assertTrue(guard.canHandle(dir.resolve("b").toFile()));
    }

    @Test
    void canHandle_fileThatCannotBeChecked_claimsIt() {
        assertTrue(guard.canHandle(dir.resolve("gone.jar").toFile()));
    }
}
