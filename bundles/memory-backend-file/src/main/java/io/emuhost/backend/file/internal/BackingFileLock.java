package io.emuhost.backend.file.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The advisory lock emuhost takes on a backing store ({@code lock=on}; QEMU, Cloud Hypervisor,
 * Firecracker and crosvm take none): an open file description lock (fcntl F_OFD_SETLK, Linux
 * 3.15) over the mapped range {@code [offset, offset + size)}, exclusive (F_WRLCK) for a
 * writable shared mapping, whose stores reach the file, shared (F_RDLCK) for a read-only or
 * private one, whose contents still follow the file. So two writers, or a writer and a reader,
 * of one range refuse each other, in one process or in two; any number of readers share.
 *
 * <p>Why OFD and not a classic POSIX lock: a POSIX lock belongs to the process and goes when
 * the process closes <em>any</em> descriptor of the file (a test reading it, a JDK channel), and
 * two backends of one process never conflict. An OFD lock belongs to the open file description:
 * it stays as long as the description does, that is while the backend's descriptor or mapping
 * (the mapping holds a reference) is alive, and goes with the backend's close or the process's
 * end. A descriptor adopted by the next bundle version on live upgrade is the same description,
 * so the lock is kept with no gap; one sent to another process (QEMU over SCM_RIGHTS) keeps it
 * held there too.
 *
 * <p>What is locked: regular files that have a name and block devices (both are shared by
 * whoever opens them), and device-DAX nodes (their memory is the device's). Not locked: the
 * unlinked temporary file of a directory {@code mem-path} (no one else can open it), and other
 * character devices, whose mappings the driver makes private to each open (/dev/zero maps fresh
 * memory per mapping, /dev/null cannot be mapped), so a lock would refuse harmless uses.
 */
final class BackingFileLock {

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;
    /** A conflict seen by SETLK may be released before GETLK looks; then SETLK is tried again. */
    private static final int ATTEMPTS = 3;

    private BackingFileLock() {
    }

    /**
     * Whether the store behind the descriptor is locked (see the class comment).
     *
     * @param fd the backend's descriptor
     * @return true for a named regular file, a block device or a device-DAX node
     */
    static boolean applies(int fd) {
        Path target = Path.of("/proc/self/fd/" + fd);
        try {
            Map<String, Object> attributes = Files.readAttributes(target, "unix:mode,nlink");
            int type = ((Integer) attributes.get("mode")) & S_IFMT;
            return switch (type) {
                case S_IFREG -> ((Integer) attributes.get("nlink")) > 0;
                case S_IFBLK -> true;
                case S_IFCHR -> DevDax.size(target).isPresent();
                default -> false;
            };
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Takes the lock, without waiting.
     *
     * @param fd the backend's descriptor (open for writing if {@code exclusive})
     * @param path the mem-path, for the error
     * @param exclusive F_WRLCK rather than F_RDLCK
     * @param start the first byte of the mapped range
     * @param length the length of the range, nonzero
     * @param warn where a file system that cannot lock is reported; the backend is then made unlocked
     * @throws MemoryBackendException.BackingStoreLocked if another open file description holds a
     *     conflicting lock
     */
    static void acquire(int fd, String path, boolean exclusive, long start, long length, Consumer<String> warn)
            throws MemoryBackendException.BackingStoreLocked {
        short type = exclusive ? LibC.F_WRLCK : LibC.F_RDLCK;
        try (Memory flock = new Memory(LibC.FLOCK_SIZE)) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                try {
                    LibC.fcntl(fd, LibC.F_OFD_SETLK, describe(flock, type, start, length));
                    return;
                } catch (LastErrorException e) {
                    // fcntl(2): "EACCES or EAGAIN: the operation is prohibited by locks held by other processes"
                    if (e.getErrorCode() != LibC.EAGAIN && e.getErrorCode() != LibC.EACCES) {
                        warn.accept("backing store " + path + " cannot be locked (" + LibC.describe(e)
                                + "); it is used without a lock");
                        return;
                    }
                }
                try {
                    LibC.fcntl(fd, LibC.F_OFD_GETLK, describe(flock, type, start, length));
                } catch (LastErrorException e) {
                    break;
                }
                short held = flock.getShort(LibC.FLOCK_TYPE);
                if (held != LibC.F_UNLCK) {
                    // F_OFD_GETLK reports l_pid -1 for an OFD holder, the owner's pid for a POSIX one
                    throw new MemoryBackendException.BackingStoreLocked(path, held, flock.getInt(LibC.FLOCK_PID));
                }
            }
        }
        throw new MemoryBackendException.BackingStoreLocked(path, LibC.F_UNLCK, -1);
    }

    private static Memory describe(Memory flock, short type, long start, long length) {
        flock.clear();
        flock.setShort(LibC.FLOCK_TYPE, type);
        flock.setShort(LibC.FLOCK_WHENCE, (short) LibC.SEEK_SET);
        flock.setLong(LibC.FLOCK_START, start);
        flock.setLong(LibC.FLOCK_LEN, length);
        return flock;
    }
}
