package io.emuhost.deploy.internal;

import static io.emuhost.deploy.internal.TestFramework.bundleJar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

/** The content kept to restore a replaced bundle: its entries, rebuilt as a jar, installable again. */
class BundleContentTest {

    @TempDir
    Path dir;

    private TestFramework framework;

    @BeforeEach
    void setUp() throws Exception {
        framework = new TestFramework(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        framework.close();
    }

    @Test
    void of_rebuildsEveryEntry_manifestFirst() throws Exception {
        byte[] original = bundleJar("test.content", "1.2.3", "Export-Package", "test.content");
        Bundle bundle = framework.installEmbedded(original, "content.jar");

        byte[] rebuilt = BundleContent.of(bundle);

        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(rebuilt))) {
            Manifest manifest = jar.getManifest();
            assertNotNull(manifest, "a JarInputStream finds the manifest only as the first entries");
            assertEquals("test.content", manifest.getMainAttributes().getValue("Bundle-SymbolicName"));
            assertEquals("test.content", manifest.getMainAttributes().getValue("Export-Package"));
        }
        assertEquals(files(original), files(rebuilt));
    }

    @Test
    void of_isInstallableAsTheSameBundle() throws Exception {
        Bundle bundle = framework.installEmbedded(bundleJar("test.content", "1.2.3"), "content.jar");

        byte[] content = BundleContent.of(bundle);
        bundle.uninstall(); // a name and version are installed once

        Bundle copy = framework.context().installBundle("copy", new ByteArrayInputStream(content));
        copy.start();

        assertEquals("test.content", copy.getSymbolicName());
        assertEquals("1.2.3", copy.getVersion().toString());
        assertEquals("tree of 1.2.3", TestFramework.entry(copy, TestFramework.DEEP_ENTRY));
        assertEquals(Bundle.ACTIVE, copy.getState(), "it resolves");
    }

    @Test
    void of_anUninstalledBundle_fails() throws Exception {
        Bundle bundle = framework.installEmbedded(bundleJar("test.content", "1.2.3"), "content.jar");
        bundle.uninstall();

        assertThrows(IllegalStateException.class, () -> BundleContent.of(bundle));
    }

    /** The jar's file entries (not directories, not the manifest) and their text. */
    private static Map<String, String> files(byte[] jarBytes) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(jarBytes))) {
            for (JarEntry entry = jar.getNextJarEntry(); entry != null; entry = jar.getNextJarEntry()) {
                if (!entry.isDirectory()) {
                    files.put(entry.getName(), new String(jar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return files;
    }
}
