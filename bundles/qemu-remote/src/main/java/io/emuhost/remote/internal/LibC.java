package io.emuhost.remote.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc calls of the multi-process link, direct-mapped for Linux x86_64 (LP64: size_t,
 * ssize_t and pointers are 64-bit). Buffers are passed as raw addresses ({@code long}) so that a
 * call on the message path allocates no {@link Pointer}. Every call that can fail throws
 * {@link LastErrorException} carrying errno.
 */
final class LibC {

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EAGAIN = 11;

    static final int AF_UNIX = 1;
    static final int SOCK_STREAM = 1;
    static final int SOCK_CLOEXEC = 02000000;
    static final int SOCK_NONBLOCK = 04000;
    static final int SOL_SOCKET = 1;
    static final int SCM_RIGHTS = 1;
    static final int SHUT_RDWR = 2;
    static final int MSG_CTRUNC = 0x8;
    static final int MSG_DONTWAIT = 0x40;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int MSG_CMSG_CLOEXEC = 0x40000000;

    static final int EFD_NONBLOCK = 04000;
    static final int EFD_CLOEXEC = 02000000;

    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    /** {@code struct stat} on x86_64: 144 bytes; st_dev @0, st_ino @8, st_mode @24, st_size @48. */
    static final int STAT_SIZE = 144;
    static final int STAT_DEV = 0;
    static final int STAT_INO = 8;
    static final int STAT_MODE = 24;
    static final int STAT_SIZE_FIELD = 48;
    static final int S_IFMT = 0170000;
    static final int S_IFSOCK = 0140000;

    /** {@code struct sockaddr_un}: sa_family_t, then 108 bytes of path. */
    static final int SOCKADDR_UN_SIZE = 110;
    static final int SUN_PATH_MAX = 108;

    static native int close(int fd) throws LastErrorException;

    static native long read(int fd, long buf, long count) throws LastErrorException;

    static native long write(int fd, long buf, long count) throws LastErrorException;

    static native long send(int fd, long buf, long len, int flags) throws LastErrorException;

    static native long recvmsg(int fd, long msghdr, int flags) throws LastErrorException;

    static native long sendmsg(int fd, long msghdr, int flags) throws LastErrorException;

    static native int fstat(int fd, long statbuf) throws LastErrorException;

    static native int socket(int domain, int type, int protocol) throws LastErrorException;

    static native int bind(int fd, long addr, int addrlen) throws LastErrorException;

    static native int listen(int fd, int backlog) throws LastErrorException;

    static native int connect(int fd, long addr, int addrlen) throws LastErrorException;

    static native int accept4(int fd, long addr, long addrlen, int flags) throws LastErrorException;

    static native int shutdown(int fd, int how) throws LastErrorException;

    static native int poll(long fds, long nfds, int timeout) throws LastErrorException;

    static native int eventfd(int initval, int flags) throws LastErrorException;

    static native int unlink(String path) throws LastErrorException;

    static native String strerror(int errnum);

    /**
     * Closes a descriptor, ignoring the result: close(2) releases it even when it reports an
     * error, and retrying on EINTR could close a descriptor another thread just opened.
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

    private LibC() {
    }
}
