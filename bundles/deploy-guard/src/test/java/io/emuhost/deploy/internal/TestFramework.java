package io.emuhost.deploy.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.apache.felix.framework.FrameworkFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;

/**
 * A real OSGi framework (Felix, as in emuhost.jar) for the deploy-directory tests, and the bundle
 * jars they install and drop: each carries {@code data/version.txt} (its version) and
 * {@code data/deep/tree.txt}, so a test can tell which content a bundle runs.
 */
final class TestFramework implements AutoCloseable {

    static final String VERSION_ENTRY = "data/version.txt";
    static final String DEEP_ENTRY = "data/deep/tree.txt";

    private final Framework framework;

    /** Starts a framework with its storage in that directory. */
    TestFramework(Path storage) throws BundleException {
        framework = new FrameworkFactory().newFramework(Map.of(
                Constants.FRAMEWORK_STORAGE, storage.toString(),
                Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT));
        framework.start();
    }

    /** The system bundle's context, which {@link DeployedUpgrades} is given. */
    BundleContext context() {
        return framework.getBundleContext();
    }

    /** Installs and starts a bundle at a location nothing can be read from, as emuhost.jar does. */
    Bundle installEmbedded(byte[] jar, String name) throws BundleException {
        Bundle bundle = context().installBundle("emuhost:bundles/" + name, new ByteArrayInputStream(jar));
        bundle.start();
        return bundle;
    }

    /** The text of one of the bundle's entries, as its current revision has it. */
    static String entry(Bundle bundle, String path) throws IOException {
        try (InputStream in = bundle.getEntry(path).openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A bundle jar with those headers (and extra ones as name, value pairs) and the two data entries. */
    static byte[] bundleJar(String symbolicName, String version, String... headers) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue(Constants.BUNDLE_MANIFESTVERSION, "2");
        if (symbolicName != null) {
            main.putValue(Constants.BUNDLE_SYMBOLICNAME, symbolicName);
        }
        main.putValue(Constants.BUNDLE_VERSION, version);
        for (int i = 0; i < headers.length; i += 2) {
            main.putValue(headers[i], headers[i + 1]);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
            put(jar, VERSION_ENTRY, version);
            put(jar, DEEP_ENTRY, "tree of " + version);
        }
        return bytes.toByteArray();
    }

    private static void put(JarOutputStream jar, String name, String text) throws IOException {
        jar.putNextEntry(new JarEntry(name));
        jar.write(text.getBytes(StandardCharsets.UTF_8));
        jar.closeEntry();
    }

    @Override
    public void close() throws BundleException, InterruptedException {
        framework.stop();
        framework.waitForStop(10_000);
    }
}
