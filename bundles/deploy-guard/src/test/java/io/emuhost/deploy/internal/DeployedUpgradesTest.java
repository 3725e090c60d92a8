package io.emuhost.deploy.internal;

import static io.emuhost.deploy.internal.TestFramework.VERSION_ENTRY;
import static io.emuhost.deploy.internal.TestFramework.bundleJar;
import static io.emuhost.deploy.internal.TestFramework.entry;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * The deploy directory's replace and restore, on real bundles in a real framework, called as
 * FileInstall calls an {@code ArtifactInstaller}: {@code canHandle} first, then {@code install},
 * {@code update} when the file changes, {@code uninstall} when it is gone.
 */
class DeployedUpgradesTest {

    private static final String NAME = "test.device";

    @TempDir
    Path dir;

    private TestFramework framework;
    private DeployedUpgrades upgrades;
    private Bundle embedded;

    @BeforeEach
    void setUp() throws Exception {
        framework = new TestFramework(dir.resolve("storage"));
        upgrades = new DeployedUpgrades(framework.context());
        embedded = framework.installEmbedded(bundleJar(NAME, "1.0.0"), "device-1.0.0.jar");
        Files.createDirectory(dir.resolve("deploy"));
    }

    @AfterEach
    void tearDown() throws Exception {
        framework.close();
    }

    @Test
    void higherVersion_replacesTheEmbeddedBundleInPlace() throws Exception {
        File jar = drop("device-1.1.0.jar", bundleJar(NAME, "1.1.0"));
        int bundles = framework.context().getBundles().length;

        assertTrue(upgrades.canHandle(jar), "claimed, so FileInstall does not install it beside");
        upgrades.install(jar);

        assertEquals("1.1.0", embedded.getVersion().toString());
        assertEquals("1.1.0", entry(embedded, VERSION_ENTRY), "the new content runs");
        assertEquals(Bundle.ACTIVE, embedded.getState());
        assertEquals("emuhost:bundles/device-1.0.0.jar", embedded.getLocation(), "the same bundle, updated");
        assertEquals(bundles, framework.context().getBundles().length, "replaced, not installed beside");
    }

    @Test
    void removingTheJar_restoresTheContentItReplaced() throws Exception {
        File jar = drop("device-1.1.0.jar", bundleJar(NAME, "1.1.0"));
        upgrades.install(jar);
        Files.delete(jar.toPath());

        upgrades.uninstall(jar);

        assertEquals("1.0.0", embedded.getVersion().toString());
        assertEquals("1.0.0", entry(embedded, VERSION_ENTRY));
        assertEquals("tree of 1.0.0", entry(embedded, TestFramework.DEEP_ENTRY), "nested entries come back too");
        assertEquals(Bundle.ACTIVE, embedded.getState());
        assertFalse(upgrades.canHandle(jar), "the lineage ended with its last jar");
    }

    @Test
    void twoJars_theHighestRuns_andEachRemovalStepsBack() throws Exception {
        File v11 = drop("device-1.1.0.jar", bundleJar(NAME, "1.1.0"));
        File v12 = drop("device-1.2.0.jar", bundleJar(NAME, "1.2.0"));
        upgrades.install(v11);
        assertTrue(upgrades.canHandle(v12), "higher than what runs now");
        upgrades.install(v12);
        assertEquals("1.2.0", entry(embedded, VERSION_ENTRY));

        Files.delete(v12.toPath());
        upgrades.uninstall(v12);
        assertEquals("1.1.0", entry(embedded, VERSION_ENTRY), "the next highest jar still there");

        Files.delete(v11.toPath());
        upgrades.uninstall(v11);
        assertEquals("1.0.0", entry(embedded, VERSION_ENTRY), "then the original");
    }

    @Test
    void removingALowerJarOfTwo_keepsTheHigherRunning() throws Exception {
        File v11 = drop("device-1.1.0.jar", bundleJar(NAME, "1.1.0"));
        File v12 = drop("device-1.2.0.jar", bundleJar(NAME, "1.2.0"));
        upgrades.install(v11);
        upgrades.install(v12);
        long modified = embedded.getLastModified();

        Files.delete(v11.toPath());
        upgrades.uninstall(v11);

        assertEquals("1.2.0", entry(embedded, VERSION_ENTRY));
        assertEquals(modified, embedded.getLastModified(), "not updated again");
    }

    @Test
    void equalOrLowerVersion_isRefusedWithAWarning_andNotInstalledBeside() throws Exception {
        File equal = drop("device-1.0.0.jar", bundleJar(NAME, "1.0.0"));
        File lower = drop("device-0.9.0.jar", bundleJar(NAME, "0.9.0"));
        int bundles = framework.context().getBundles().length;

        assertTrue(upgrades.canHandle(equal), "claimed: FileInstall would install it beside");
        String warnings = stderrOf(() -> {
            upgrades.install(equal);
            upgrades.install(lower);
        });

        assertTrue(warnings.contains("test.device 1.0.0 is not newer than the running 1.0.0"), warnings);
        assertTrue(warnings.contains("test.device 0.9.0 is not newer than the running 1.0.0"), warnings);
        assertEquals("1.0.0", entry(embedded, VERSION_ENTRY));
        assertEquals(bundles, framework.context().getBundles().length);
        assertTrue(upgrades.canHandle(lower), "stays claimed until it changes or goes");
        Files.delete(lower.toPath());
        upgrades.uninstall(lower);
        assertEquals("1.0.0", entry(embedded, VERSION_ENTRY), "its removal changes nothing");
    }

    @Test
    void refusedJarChangedToAHigherVersion_thenReplaces() throws Exception {
        File jar = drop("device.jar", bundleJar(NAME, "0.9.0"));
        stderrOf(() -> upgrades.install(jar));

        Files.write(jar.toPath(), bundleJar(NAME, "1.3.0"));
        upgrades.update(jar);

        assertEquals("1.3.0", entry(embedded, VERSION_ENTRY));
    }

    @Test
    void replacingJarChangedToALowerVersion_bringsTheOriginalBack_andIsRefused() throws Exception {
        File jar = drop("device.jar", bundleJar(NAME, "1.1.0"));
        upgrades.install(jar);

        Files.write(jar.toPath(), bundleJar(NAME, "0.9.0"));
        String warnings = stderrOf(() -> upgrades.update(jar));

        assertEquals("1.0.0", entry(embedded, VERSION_ENTRY));
        assertTrue(warnings.contains("0.9.0 is not newer than the running 1.0.0"), warnings);
    }

    @Test
    void jarWithoutSymbolicName_otherFiles_andUnknownNames_areLeftToFileInstall() throws Exception {
        assertFalse(upgrades.canHandle(drop("plain.jar", bundleJar(null, "2.0.0"))), "no Bundle-SymbolicName");
        assertFalse(upgrades.canHandle(drop("other.jar", bundleJar("test.other", "2.0.0"))), "installed beside");
        assertFalse(upgrades.canHandle(drop("io.emuhost.object-m.cfg", "id=m\n".getBytes(StandardCharsets.UTF_8))));
        assertFalse(upgrades.canHandle(drop("broken.jar", new byte[] {'P', 'K', 3, 4, 0})));
        assertFalse(upgrades.canHandle(dir.resolve("deploy/gone.jar").toFile()));
        upgrades.install(drop("plain2.jar", bundleJar(null, "2.0.0"))); // not claimed: nothing happens
        assertEquals("1.0.0", entry(embedded, VERSION_ENTRY));
    }

    @Test
    void theJarABundleWasInstalledFrom_isNotItsOwnUpgrade() throws Exception {
        File jar = drop("device-2.0.0.jar", bundleJar("test.deployed", "2.0.0"));
        framework.context().installBundle(jar.toURI().toString());

        assertFalse(upgrades.canHandle(jar), "FileInstall's own update handles a change to it");
    }

    @Test
    void aDeployedBundle_isReplacedAndRestoredLikeAnEmbeddedOne() throws Exception {
        File first = drop("deployed-1.0.0.jar", bundleJar("test.deployed", "1.0.0"));
        Bundle deployed = framework.context().installBundle(first.toURI().toString());
        File second = drop("deployed-1.1.0.jar", bundleJar("test.deployed", "1.1.0"));

        assertTrue(upgrades.canHandle(second));
        upgrades.install(second);
        assertEquals("1.1.0", entry(deployed, VERSION_ENTRY));

        Files.delete(second.toPath());
        upgrades.uninstall(second);
        assertEquals("1.0.0", entry(deployed, VERSION_ENTRY));
    }

    @Test
    void removedJarWhoseBundleWasUninstalledMeanwhile_isForgottenWithAWarning() throws Exception {
        File jar = drop("device-1.1.0.jar", bundleJar(NAME, "1.1.0"));
        upgrades.install(jar);
        embedded.uninstall();
        Files.delete(jar.toPath());

        String warnings = stderrOf(() -> upgrades.uninstall(jar));

        assertTrue(warnings.contains("bundle " + embedded.getBundleId() + " was uninstalled"), warnings);
        assertNull(framework.context().getBundle(embedded.getBundleId()));
        for (Bundle bundle : framework.context().getBundles()) {
            assertFalse(NAME.equals(bundle.getSymbolicName()), "nothing installed again: " + bundle);
        }
        File again = drop("device-1.2.0.jar", bundleJar(NAME, "1.2.0"));
        assertFalse(upgrades.canHandle(again), "no bundle of that name: FileInstall installs it");
    }

    @Test
    void bundleOthersAreWiredTo_isRefreshed_soTheyUseTheNewRevision() throws Exception {
        Bundle library = framework.installEmbedded(bundleJar("test.library", "1.0.0",
                "Export-Package", "test.library;version=1.0.0"), "library-1.0.0.jar");
        Bundle user = framework.installEmbedded(bundleJar("test.user", "1.0.0",
                "Import-Package", "test.library"), "user-1.0.0.jar");
        File jar = drop("library-1.1.0.jar", bundleJar("test.library", "1.1.0",
                "Export-Package", "test.library;version=1.1.0"));

        upgrades.install(jar);

        FrameworkWiring wiring = framework.context().getBundle(0).adapt(FrameworkWiring.class);
        assertTrue(wiring.getRemovalPendingBundles().isEmpty(), "the old revision is gone");
        BundleWiring used = user.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package").get(0)
                .getProviderWiring();
        assertEquals("1.1.0", used.getRevision().getVersion().toString(), "the user is wired to the new revision");
        assertEquals(library, used.getBundle());
        assertEquals(Bundle.ACTIVE, user.getState());
    }

    private File drop(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve("deploy").resolve(name), content).toFile();
    }

    /** What runs while standard error is captured (slf4j-simple writes there). */
    private static String stderrOf(ThrowingRunnable action) throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
