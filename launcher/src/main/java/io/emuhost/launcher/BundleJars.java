package io.emuhost.launcher;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The bundle jars carried in the launcher under {@value #DIRECTORY}, in start order: the logging
 * API first (so every later bundle logs through it), then its back end, then the OSGi runtime
 * bundles, then ours, and FileInstall last, so that its first scan of the deploy directory finds
 * the deploy guard's listener registered.
 */
final class BundleJars {

    /** Where the bundles lie in the launcher jar. */
    static final String DIRECTORY = "bundles/";

    private static final String FILEINSTALL = "org.apache.felix.fileinstall";
    private static final String DEPLOY_GUARD = "deploy-guard";

    private BundleJars() {
    }

    /**
     * The bundle file names.
     *
     * @return e.g. {@code pax-logging-api-2.3.2.jar}, in start order
     * @throws IOException if the launcher jar cannot be read
     */
    static List<String> names() throws IOException {
        Path location;
        try {
            location = Path.of(BundleJars.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the launcher jar", e);
        }
        return sorted(Files.isDirectory(location) ? fromDirectory(location.resolve(DIRECTORY)) : fromJar(location));
    }

    static List<String> sorted(Stream<String> names) {
        return names.sorted(Comparator.comparingInt(BundleJars::rank).thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /**
     * Whether a bundle serves only hot-deploy.
     *
     * @param name a bundle file name
     * @return true for FileInstall and the deploy guard
     */
    static boolean isHotDeploy(String name) {
        return name.startsWith(FILEINSTALL) || name.startsWith(DEPLOY_GUARD);
    }

    private static int rank(String name) {
        if (name.startsWith(FILEINSTALL)) {
            return 4;
        }
        if (name.startsWith("pax-logging-api")) {
            return 0;
        }
        if (name.startsWith("pax-logging")) {
            return 1;
        }
        return name.startsWith("org.") ? 2 : 3;
    }

    private static Stream<String> fromDirectory(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).toList().stream();
        }
    }

    private static Stream<String> fromJar(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith(DIRECTORY) && n.endsWith(".jar") && n.indexOf('/', DIRECTORY.length()) < 0)
                    .map(n -> n.substring(DIRECTORY.length())).toList().stream();
        }
    }
}
