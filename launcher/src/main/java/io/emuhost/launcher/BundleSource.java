package io.emuhost.launcher;

import io.emuhost.deploy.EffectiveUser;
import io.emuhost.deploy.TrustedPaths;
import io.emuhost.deploy.UntrustedPathException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where the framework reads the bundle jars from: the per-user {@link BundleCache} when it can be
 * trusted; otherwise (no home, a read-only one, or one another user could write, which is said on
 * standard error) a private copy in the run's temporary storage, as every start did before the cache.
 * When the launcher runs unpacked (tests, IDE), its classes directory holds them already.
 */
final class BundleSource {

    private BundleSource() {
    }

    /**
     * Finds or makes the directory of bundle jars.
     *
     * @param storage the run's private temporary directory (deleted at exit)
     * @param environment the process environment ({@link CacheHome})
     * @param err where a refused cache is reported
     * @return a directory of bundle jars, to install by reference
     * @throws IOException if the launcher jar cannot be read or the copy cannot be written
     */
    static Path directory(Path storage, Map<String, String> environment, PrintStream err) throws IOException {
        Path location = LauncherJar.location();
        if (Files.isDirectory(location)) {
            return location.resolve(BundleJars.DIRECTORY);
        }
        return directory(LauncherJar.open(location), storage, environment, err);
    }

    /**
     * Finds or makes the directory of a launcher jar's bundles.
     *
     * @param jar the launcher jar
     * @param storage the run's private temporary directory (deleted at exit)
     * @param environment the process environment ({@link CacheHome})
     * @param err where a refused cache is reported
     * @return a directory of bundle jars, to install by reference
     * @throws IOException if the copy cannot be written
     */
    static Path directory(LauncherJar jar, Path storage, Map<String, String> environment, PrintStream err)
            throws IOException {
        Optional<Path> root = CacheHome.of(environment);
        if (root.isPresent()) {
            try {
                return new BundleCache(root.get(), new TrustedPaths(EffectiveUser.id())).bundles(jar);
            } catch (UntrustedPathException e) {
                err.println("emuhost: not using the bundle cache " + root.get() + ": " + e.getMessage()
                        + "; using a temporary copy");
            } catch (AccessDeniedException e) {
                // a home this user may not write: the copy below does
            } catch (FileSystemException e) {
                if (e.getReason() == null || !e.getReason().contains("Read-only")) {
                    err.println("emuhost: not using the bundle cache " + root.get() + ": " + e + "; using a temporary copy");
                }
            } catch (IOException e) {
                err.println("emuhost: not using the bundle cache " + root.get() + ": " + e.getMessage()
                        + "; using a temporary copy");
            }
        }
        Path copy = Files.createDirectory(storage.resolve("bundles"));
        jar.extractTo(copy);
        return copy;
    }
}
