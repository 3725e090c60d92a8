package io.emuhost.deploy.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.Optional;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;

/**
 * What a deploy-directory file says it is, read from its manifest: a bundle's symbolic name
 * (without directives such as {@code singleton:=true}) and version (OSGi core R8 §3.2.1.9,
 * §3.2.1.10; no {@code Bundle-Version} is 0.0.0).
 *
 * @param symbolicName {@code Bundle-SymbolicName}
 * @param version {@code Bundle-Version}
 */
record BundleJar(String symbolicName, Version version) {

    /**
     * Reads a file's manifest.
     *
     * @param file a deploy-directory entry
     * @return the bundle it is, or empty if it is no jar with a {@code Bundle-SymbolicName} (or
     *     cannot be read: then FileInstall's own handling reports it)
     */
    static Optional<BundleJar> read(File file) {
        if (!file.isFile()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file.toPath()); JarInputStream jar = new JarInputStream(in)) {
            Manifest manifest = jar.getManifest();
            String name = manifest == null ? null : manifest.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
            if (name == null) {
                return Optional.empty();
            }
            String version = manifest.getMainAttributes().getValue(Constants.BUNDLE_VERSION);
            return Optional.of(new BundleJar(name.split(";", 2)[0].trim(),
                    version == null ? Version.emptyVersion : Version.parseVersion(version.trim())));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
