package io.emuhost.launcher;

import io.emuhost.deploy.TrustedPaths;
import io.emuhost.deploy.UntrustedPathException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The per-user cache of the bundle jars carried in emuhost.jar, so that a start reads them in
 * place ({@code reference:} installs) instead of copying 9 MB into a fresh framework cache:
 * {@code ROOT/bundles-KEY/} with {@code KEY} from {@link LauncherJar#key()} (version and content),
 * written once into a private temporary directory beside it and renamed into place, never changed
 * afterwards. emuhost often runs as root, so nothing is loaded from the cache unless the whole
 * tree passes {@link TrustedPaths}' rules (owned by the effective user, writable by nobody else, in
 * directories nobody else can swap); the root and a missing parent of it are created mode 0700.
 */
final class BundleCache {

    private static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private final Path root;
    private final TrustedPaths rules;

    /**
     * Creates the cache.
     *
     * @param root e.g. {@code ~/.cache/emuhost} ({@link CacheHome})
     * @param rules the ownership and mode rules of the effective user
     */
    BundleCache(Path root, TrustedPaths rules) {
        this.root = root;
        this.rules = rules;
    }

    /**
     * The directory holding this jar's bundles, extracted first if no earlier start did.
     *
     * @param jar the launcher jar
     * @return the checked directory
     * @throws UntrustedPathException if the cache, or a directory above it, could be written by
     *         another user: nothing in it may be loaded
     * @throws IOException if the cache cannot be created or read
     */
    Path bundles(LauncherJar jar) throws UntrustedPathException, IOException {
        createPrivate(root);
        Path directory = root.resolve("bundles-" + jar.key());
        if (!Files.isDirectory(directory)) {
            extract(jar, directory);
        }
        rules.checkTree(directory);
        if (!jar.isExtractedIn(directory)) {
            throw new IOException(directory + " does not hold emuhost.jar's bundles");
        }
        return directory;
    }

    /** Creates a directory, and its parent if missing, mode 0700; checks it either way. */
    private void createPrivate(Path directory) throws UntrustedPathException, IOException {
        if (!Files.exists(directory)) {
            Path parent = directory.getParent();
            if (!Files.exists(parent)) {
                rules.check(parent.getParent());
                createOrAccept(parent);
            }
            rules.check(parent);
            createOrAccept(directory);
        }
        rules.check(directory);
    }

    private static void createOrAccept(Path directory) throws IOException {
        try {
            Files.createDirectory(directory, PRIVATE);
        } catch (FileAlreadyExistsException e) {
            // another emuhost created it meanwhile; the checks that follow decide
        }
    }

    /** Extracts into a private temporary directory and renames it into place (atomic: a reader sees all or nothing). */
    private void extract(LauncherJar jar, Path directory) throws IOException {
        Path partial = Files.createTempDirectory(root, ".extracting-", PRIVATE);
        try {
            jar.extractTo(partial);
            Files.move(partial, directory, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isDirectory(directory)) {
                throw e;
            }
            // another emuhost put the same bundles in place first
        } finally {
            StorageDirectory.delete(partial);
        }
    }
}
