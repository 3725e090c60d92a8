package io.emuhost.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Deletes the framework's temporary storage directory. */
final class StorageDirectory {

    private StorageDirectory() {
    }

    /**
     * Deletes a directory tree; a tree that is already gone is fine, other failures are reported.
     *
     * @param root the directory
     */
    static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(StorageDirectory::deleteOne);
        } catch (NoSuchFileException e) {
            // already deleted
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                System.err.println("emuhost: could not delete " + root + ": " + e.getCause().getMessage());
            }
            // else the shutdown hook and the main thread delete the tree at the same time
        } catch (IOException e) {
            System.err.println("emuhost: could not delete " + root + ": " + e.getMessage());
        }
    }

    private static void deleteOne(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
