package io.emuhost.cli.internal.qemu;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import com.sun.jna.StringArray;

/**
 * The libc calls that start QEMU with descriptors of ours at fixed numbers, direct-mapped for
 * Linux x86_64 with glibc 2.34 or newer ({@code posix_spawn_file_actions_addclosefrom_np}).
 * {@link ProcessBuilder} cannot do this: the JDK's launcher closes every descriptor above 2 in
 * the child. qemu-remote's own libc binding serves the message path (sendmsg/recvmsg with
 * SCM_RIGHTS) and is that bundle's internal; this one has only what a launch needs.
 */
final class Spawn {

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    static final int AF_UNIX = 1;
    static final int SOCK_STREAM = 1;
    static final int O_CLOEXEC = 02000000;
    static final int F_DUPFD_CLOEXEC = 1030;
    static final int POSIX_SPAWN_SETSIGDEF = 0x04;
    static final int POSIX_SPAWN_SETSIGMASK = 0x08;
    static final int EINTR = 4;
    /** {@code sizeof(posix_spawn_file_actions_t)} is 80 and {@code posix_spawnattr_t} 336 on x86_64 glibc. */
    static final int OPAQUE_SIZE = 512;
    /** {@code sizeof(sigset_t)} in glibc. */
    static final int SIGSET_SIZE = 128;

    static native int socketpair(int domain, int type, int protocol, int[] sv) throws LastErrorException;

    static native int pipe2(int[] fds, int flags) throws LastErrorException;

    static native int fcntl(int fd, int cmd, int arg) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native long write(int fd, byte[] buf, long count) throws LastErrorException;

    static native int waitpid(int pid, int[] status, int options) throws LastErrorException;

    static native int kill(int pid, int sig) throws LastErrorException;

    static native int getpid();

    static native String strerror(int errnum);

    // posix_spawn and its helpers return an error number instead of setting errno
    static native int posix_spawn(int[] pid, String path, Pointer fileActions, Pointer attributes, StringArray argv,
            StringArray envp);

    static native int posix_spawn_file_actions_init(Pointer fileActions);

    static native int posix_spawn_file_actions_destroy(Pointer fileActions);

    static native int posix_spawn_file_actions_adddup2(Pointer fileActions, int fd, int newfd);

    static native int posix_spawn_file_actions_addclosefrom_np(Pointer fileActions, int from);

    static native int posix_spawnattr_init(Pointer attributes);

    static native int posix_spawnattr_destroy(Pointer attributes);

    static native int posix_spawnattr_setflags(Pointer attributes, short flags);

    static native int posix_spawnattr_setsigmask(Pointer attributes, Pointer sigmask);

    static native int posix_spawnattr_setsigdefault(Pointer attributes, Pointer sigdefault);

    /** An all-zero (empty) or all-one (full) {@code sigset_t}. */
    static Memory sigset(boolean full) {
        Memory set = new Memory(SIGSET_SIZE);
        set.setMemory(0, SIGSET_SIZE, full ? (byte) 0xff : 0);
        return set;
    }

    /**
     * Closes a descriptor, ignoring the result (close(2) releases it even when it reports one).
     *
     * @param fd the descriptor; negative values are ignored
     */
    static void closeQuietly(int fd) {
        if (fd < 0) {
            return;
        }
        try {
            close(fd);
        } catch (LastErrorException e) {
            // released anyway
        }
    }

    private Spawn() {
    }
}
