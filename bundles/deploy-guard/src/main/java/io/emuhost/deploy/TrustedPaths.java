package io.emuhost.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * The rules by which emuhost trusts a file it loads code or configuration from, after OpenSSH's
 * {@code StrictModes} for {@code authorized_keys} (sshd's {@code auth.c}, {@code secure_filename}):
 * <ul>
 * <li>the file, all symbolic links resolved, is owned by the effective user and writable by
 *     nobody else (mode without {@code 022});</li>
 * <li>every directory above it is owned by root or the effective user and is writable by nobody
 *     else, unless its sticky bit keeps others from renaming or deleting what they do not own
 *     (as on {@code /tmp}): then only the entries below it, which the first rule covers, count.</li>
 * </ul>
 * A path that breaks a rule could have been written, or could be swapped, by another user; with
 * emuhost running as root, loading it would run that user's code or configuration as root.
 */
public final class TrustedPaths {

    private static final int ROOT = 0;
    /** st_mode bits: S_IWGRP | S_IWOTH. */
    private static final int WRITABLE_BY_OTHERS = 0022;
    /** st_mode bit: S_ISVTX. */
    private static final int STICKY = 01000;
    private static final int PERMISSION_BITS = 07777;

    private final int user;

    /**
     * Creates the rules for one user.
     *
     * @param user the effective uid whose files are trusted ({@link EffectiveUser#id()})
     */
    public TrustedPaths(int user) {
        this.user = user;
    }

    /**
     * Checks one file or directory and the directories above it.
     *
     * @param path the path; symbolic links are resolved and the target is checked
     * @throws UntrustedPathException if a rule is broken, naming the path that breaks it
     * @throws IOException if the path or an attribute cannot be read (e.g. it does not exist)
     */
    public void check(Path path) throws UntrustedPathException, IOException {
        Path real = path.toRealPath();
        int owner = (Integer) Files.getAttribute(real, "unix:uid");
        int mode = (Integer) Files.getAttribute(real, "unix:mode");
        if (owner != user) {
            throw new UntrustedPathException(real,
                    "is owned by uid " + owner + ", not by the effective user (uid " + user + ")");
        }
        if ((mode & WRITABLE_BY_OTHERS) != 0) {
            throw new UntrustedPathException(real, "is writable by group or others (mode " + octal(mode) + ")");
        }
        for (Path directory = real.getParent(); directory != null; directory = directory.getParent()) {
            checkAbove(directory);
        }
    }

    /**
     * Checks a directory and, recursively, everything in it (FileInstall installs a subdirectory as
     * an exploded bundle, so its files count as much as a jar's).
     *
     * @param directory the directory
     * @throws UntrustedPathException at the first path that breaks a rule
     * @throws IOException if the tree cannot be read
     */
    public void checkTree(Path directory) throws UntrustedPathException, IOException {
        check(directory);
        try (Stream<Path> tree = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
            Iterator<Path> entries = tree.skip(1).iterator();
            while (entries.hasNext()) {
                check(entries.next());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private void checkAbove(Path directory) throws UntrustedPathException, IOException {
        int owner = (Integer) Files.getAttribute(directory, "unix:uid");
        int mode = (Integer) Files.getAttribute(directory, "unix:mode");
        if (owner != ROOT && owner != user) {
            throw new UntrustedPathException(directory,
                    "is owned by uid " + owner + ", neither root nor the effective user (uid " + user + ")");
        }
        if ((mode & WRITABLE_BY_OTHERS) != 0 && (mode & STICKY) == 0) {
            throw new UntrustedPathException(directory,
                    "is writable by group or others and not sticky (mode " + octal(mode) + ")");
        }
    }

    private static String octal(int mode) {
        return String.format("%04o", mode & PERMISSION_BITS);
    }
}
