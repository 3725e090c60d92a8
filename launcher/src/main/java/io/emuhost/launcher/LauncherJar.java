package io.emuhost.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * emuhost.jar as a container of bundle jars under {@value BundleJars#DIRECTORY}: their names,
 * sizes and CRC-32s as its central directory lists them, a key that changes whenever one of them
 * does, and their extraction into a directory from which the framework reads them in place.
 *
 * @param path the launcher jar
 * @param bundles the bundle entries, by file name
 */
record LauncherJar(Path path, List<Entry> bundles) {

    /** One bundle jar inside the launcher jar. */
    record Entry(String name, long size, long crc) {
    }

    private static final int KEY_BYTES = 8;

    /**
     * The launcher's own code source.
     *
     * @return emuhost.jar, or the classes directory when the launcher runs unpacked (tests, IDE)
     * @throws IOException if it cannot be located
     */
    static Path location() throws IOException {
        try {
            return Path.of(LauncherJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the launcher jar", e);
        }
    }

    /**
     * Reads the central directory.
     *
     * @param path the launcher jar
     * @return its bundle entries
     * @throws IOException if the jar cannot be read
     */
    static LauncherJar open(Path path) throws IOException {
        try (JarFile file = new JarFile(path.toFile())) {
            String dir = BundleJars.DIRECTORY;
            List<Entry> bundles = file.stream()
                    .filter(e -> e.getName().startsWith(dir) && e.getName().endsWith(".jar")
                            && e.getName().indexOf('/', dir.length()) < 0)
                    .map(e -> new Entry(e.getName().substring(dir.length()), e.getSize(), e.getCrc())).toList();
            return new LauncherJar(path, bundles);
        }
    }

    /**
     * The product version, from the manifest's {@code Implementation-Version}.
     *
     * @return e.g. {@code 1.0.0}, or {@code dev} when there is none
     */
    static String version() {
        return Optional.ofNullable(LauncherJar.class.getPackage().getImplementationVersion()).orElse("dev");
    }

    /**
     * A key for this jar's bundles: the version, and a SHA-256 over every bundle's name, size and
     * CRC-32, so a jar rebuilt with the same version gets a new key without reading its 9 MB.
     * (It detects a changed jar; who may write the cache is the ownership checks' business.)
     *
     * @return e.g. {@code 1.0.0-3f2a9c0e1b7d4a65}
     */
    String key() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        bundles.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(e -> digest.update(
                (e.name() + '\0' + e.size() + '\0' + e.crc() + '\n').getBytes(StandardCharsets.UTF_8)));
        byte[] hash = digest.digest();
        return version() + "-" + HexFormat.of().formatHex(hash, 0, KEY_BYTES);
    }

    /**
     * Writes every bundle jar into a directory, each file mode 0600 (whatever the umask).
     *
     * @param directory an existing, empty, private directory
     * @throws IOException if a bundle cannot be read or written
     */
    void extractTo(Path directory) throws IOException {
        try (JarFile file = new JarFile(path.toFile())) {
            for (Entry bundle : bundles) {
                JarEntry entry = file.getJarEntry(BundleJars.DIRECTORY + bundle.name());
                Path target = Files.createFile(directory.resolve(bundle.name()),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try (InputStream in = file.getInputStream(entry);
                        OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                    in.transferTo(out);
                }
            }
        }
    }

    /**
     * Whether a directory holds exactly these bundles' sizes (what a finished extraction leaves).
     *
     * @param directory the directory
     * @return true if every bundle is there with its size
     * @throws IOException if a file's size cannot be read
     */
    boolean isExtractedIn(Path directory) throws IOException {
        for (Entry bundle : bundles) {
            Path file = directory.resolve(bundle.name());
            if (!Files.isRegularFile(file) || Files.size(file) != bundle.size()) {
                return false;
            }
        }
        return true;
    }
}
