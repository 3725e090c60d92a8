package io.emuhost.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The bundle jars carried in the launcher under {@value #DIRECTORY}, in start order: the OSGi
 * runtime bundles, then ours, and FileInstall last, so that its first scan of the deploy directory
 * finds the deploy guard's listener registered. (Logging is not a bundle: the system bundle exports
 * SLF4J, {@link EmbeddedFramework#SLF4J_PACKAGES}.)
 */
final class BundleJars {

    /** Where the bundles lie in the launcher jar. */
    static final String DIRECTORY = "bundles/";

    private static final String FILEINSTALL = "org.apache.felix.fileinstall";
    private static final String DEPLOY_GUARD = "deploy-guard";
    /** Configurations reach Config Admin only from the deploy directory; Metatype describes them. */
    private static final String CONFIG_ADMIN = "org.apache.felix.configadmin";
    private static final String METATYPE = "org.apache.felix.metatype";
    /** The log service API, which only Metatype requires. */
    private static final String LOG_API = "org.osgi.service.log";

    private BundleJars() {
    }

    /**
     * The bundle file names in a directory.
     *
     * @param directory where the bundle jars are ({@link BundleSource})
     * @return e.g. {@code org.apache.felix.scr-2.2.18.jar}, in start order
     * @throws IOException if the directory cannot be read
     */
    static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return sorted(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")));
        }
    }

    static List<String> sorted(Stream<String> names) {
        return names.sorted(Comparator.comparingInt(BundleJars::rank).thenComparing(Comparator.naturalOrder()))
                .toList();
    }

    /**
     * Whether a bundle serves only hot-deploy. Config Admin is one: the framework's storage is new at
     * every start, so the configurations it holds all come from {@code .cfg} files that FileInstall
     * reads; without a deploy directory it would have none, and Metatype nothing to describe.
     *
     * @param name a bundle file name
     * @return true for FileInstall, the deploy guard, Config Admin, Metatype and the log API it imports
     */
    static boolean isHotDeploy(String name) {
        return name.startsWith(FILEINSTALL) || name.startsWith(DEPLOY_GUARD) || name.startsWith(CONFIG_ADMIN)
                || name.startsWith(METATYPE) || name.startsWith(LOG_API);
    }

    private static int rank(String name) {
        if (name.startsWith(FILEINSTALL)) {
            return 2;
        }
        return name.startsWith("org.") ? 0 : 1;
    }
}
