package io.emuhost.deploy.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Enumeration;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.osgi.framework.Bundle;

/**
 * The content of an installed bundle as a jar, rebuilt from its entries (the bundle's own, not its
 * fragments'; {@code Bundle.getEntryPaths}), manifest first. This is what a replaced bundle is
 * given back when the jar that replaced it leaves the deploy directory: a bundle installed from
 * emuhost.jar has a location ({@code emuhost:bundles/...}) nothing can be read from.
 */
final class BundleContent {

    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private BundleContent() {
    }

    /**
     * @param bundle an installed bundle
     * @return its current revision's entries as jar bytes
     * @throws IOException if an entry cannot be read
     */
    static byte[] of(Bundle bundle) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            jar.putNextEntry(new JarEntry("META-INF/"));
            jar.closeEntry();
            copy(bundle.getEntry(MANIFEST), MANIFEST, jar);
            copyTree(bundle, "/", jar);
        }
        return bytes.toByteArray();
    }

    private static void copyTree(Bundle bundle, String path, JarOutputStream jar) throws IOException {
        Enumeration<String> paths = bundle.getEntryPaths(path);
        while (paths != null && paths.hasMoreElements()) {
            String entry = paths.nextElement();
            if (entry.endsWith("/")) {
                if (!entry.equals("META-INF/")) {
                    jar.putNextEntry(new JarEntry(entry));
                    jar.closeEntry();
                }
                copyTree(bundle, entry, jar);
            } else if (!entry.equals(MANIFEST)) {
                copy(bundle.getEntry(entry), entry, jar);
            }
        }
    }

    private static void copy(URL from, String name, JarOutputStream jar) throws IOException {
        if (from == null) {
            throw new IOException("entry " + name + " cannot be read");
        }
        jar.putNextEntry(new JarEntry(name));
        try (InputStream in = from.openStream()) {
            in.transferTo(jar);
        }
        jar.closeEntry();
    }
}
