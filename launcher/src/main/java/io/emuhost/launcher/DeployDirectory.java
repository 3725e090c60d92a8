package io.emuhost.launcher;

import io.emuhost.deploy.EffectiveUser;
import io.emuhost.deploy.TrustedPaths;
import io.emuhost.deploy.UntrustedPathException;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The directory named by {@code -deploy}, checked before anything is loaded from it: it and every
 * entry in it must pass {@link TrustedPaths}' rules (owned by the effective user, writable by
 * nobody else, in directories nobody else can swap it in). A directory that does not exist is
 * created, mode 0700, in an existing parent that passes the same rules; a start that fails
 * removes it again if it is still empty, so a failed start leaves nothing behind.
 *
 * @param path the directory
 * @param created whether this launcher created it
 */
record DeployDirectory(Path path, boolean created) {

    /** An unusable deploy directory; the message completes {@code -deploy DIR: }. */
    static final class RefusedException extends Exception {

        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message);
        }
    }

    /**
     * Checks (and, if missing, creates) the directory.
     *
     * @param path the directory, absolute
     * @return the checked directory
     * @throws RefusedException if it breaks a rule or cannot be created or read
     */
    static DeployDirectory prepare(Path path) throws RefusedException {
        try {
            TrustedPaths rules = new TrustedPaths(EffectiveUser.id());
            boolean created = false;
            if (!Files.exists(path)) {
                rules.check(path.getParent());
                Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                created = true;
            } else if (!Files.isDirectory(path)) {
                throw new RefusedException("not a directory");
            }
            rules.checkTree(path);
            return new DeployDirectory(path, created);
        } catch (UntrustedPathException e) {
            throw new RefusedException(e.getMessage() + "; refusing to load code or configuration from it");
        } catch (NoSuchFileException e) {
            throw new RefusedException(e.getFile() + ": No such file or directory");
        } catch (IOException e) {
            throw new RefusedException(e.toString());
        }
    }

    /** After a failed start: removes the directory if this launcher created it and it is still empty. */
    void removeIfCreatedAndEmpty() {
        if (!created) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (DirectoryNotEmptyException e) {
            // something was deployed into it: it stays
        } catch (IOException e) {
            System.err.println("emuhost: could not remove " + path + ": " + e.getMessage());
        }
    }
}
