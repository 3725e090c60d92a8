package io.emuhost.backend.file.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * The libc calls the backends make, direct-mapped (Linux x86_64: size_t and off_t are 64-bit).
 * Every call that can fail throws {@link LastErrorException} carrying errno; {@link #describe}
 * turns it into libc's own text.
 */
final class LibC {

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    static final int O_RDONLY = 0;
    static final int O_RDWR = 02;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;

    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EEXIST = 17;
    static final int EISDIR = 21;
    static final int EINVAL = 22;
    static final int EFBIG = 27;
    static final int ENOSPC = 28;
    static final int ENOTSUP = 95;
    static final int EDQUOT = 122;

    static final int SEEK_SET = 0;
    static final int SEEK_END = 2;

    /** fcntl commands for open file description locks (Linux 3.15, include/uapi/asm-generic/fcntl.h). */
    static final int F_OFD_GETLK = 36;
    static final int F_OFD_SETLK = 37;
    static final short F_RDLCK = 0;
    static final short F_WRLCK = 1;
    static final short F_UNLCK = 2;

    /**
     * struct flock on x86_64: short l_type, short l_whence, (pad), off_t l_start, off_t l_len,
     * pid_t l_pid, (pad).
     */
    static final int FLOCK_SIZE = 32;
    static final int FLOCK_TYPE = 0;
    static final int FLOCK_WHENCE = 2;
    static final int FLOCK_START = 8;
    static final int FLOCK_LEN = 16;
    static final int FLOCK_PID = 24;

    static final int PROT_NONE = 0;
    static final int PROT_READ = 1;
    static final int PROT_WRITE = 2;

    static final int MAP_SHARED = 0x01;
    static final int MAP_PRIVATE = 0x02;
    static final int MAP_SHARED_VALIDATE = 0x03;
    static final int MAP_FIXED = 0x10;
    static final int MAP_ANONYMOUS = 0x20;
    static final int MAP_NORESERVE = 0x4000;
    static final int MAP_SYNC = 0x80000;

    static final int MADV_REMOVE = 9;
    static final int MADV_DONTFORK = 10;
    static final int MADV_MERGEABLE = 12;
    static final int MADV_HUGEPAGE = 14;
    static final int MADV_DONTDUMP = 16;
    static final int MADV_POPULATE_READ = 22;
    static final int MADV_POPULATE_WRITE = 23;

    static final long SYS_MBIND = 237;
    static final int MPOL_MF_STRICT = 1;
    static final int MPOL_MF_MOVE = 2;

    static native int open(String path, int flags, int mode) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native long lseek(int fd, long offset, int whence) throws LastErrorException;

    static native int ftruncate(int fd, long length) throws LastErrorException;

    static native int fsync(int fd) throws LastErrorException;

    /** fcntl(2) with a {@code struct flock *} argument (the F_OFD_* lock commands). */
    static native int fcntl(int fd, int cmd, Pointer flock) throws LastErrorException;

    /** fallocate(2); mode 0 allocates blocks and keeps the data. */
    static native int fallocate(int fd, int mode, long offset, long length) throws LastErrorException;

    static native int mkstemp(byte[] template) throws LastErrorException;

    static native int unlink(String path) throws LastErrorException;

    static native Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset)
            throws LastErrorException;

    static native int munmap(Pointer addr, long length) throws LastErrorException;

    static native int madvise(Pointer addr, long length, int advice) throws LastErrorException;

    /** mbind(2) has no libc wrapper outside libnuma: {@code syscall(SYS_mbind, ...)}. */
    static native long syscall(long number, Pointer addr, long length, long mode, long[] nodemask,
            long maxnode, long flags) throws LastErrorException;

    static native int getpagesize();

    static native String strerror(int errnum);

    /**
     * libc's text for the failure, e.g. {@code No such file or directory}.
     *
     * @param e the failure
     * @return strerror(errno)
     */
    static String describe(LastErrorException e) {
        return strerror(e.getErrorCode());
    }

    private LibC() {
    }
}
