package io.emuhost.remote.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.Platform;

/** The libc calls the fake QEMU side of the tests needs, direct-mapped. */
final class TestLibC {

    static {
        Native.register(Platform.C_LIBRARY_NAME);
    }

    static final int MFD_CLOEXEC = 1;

    static native int socketpair(int domain, int type, int protocol, int[] sv) throws LastErrorException;

    static native int memfd_create(String name, int flags) throws LastErrorException;

    static native int eventfd(int initval, int flags) throws LastErrorException;

    static native int ftruncate(int fd, long length) throws LastErrorException;

    static native long pread(int fd, byte[] buf, long count, long offset) throws LastErrorException;

    static native long pwrite(int fd, byte[] buf, long count, long offset) throws LastErrorException;

    static native long read(int fd, byte[] buf, long count) throws LastErrorException;

    static native long write(int fd, byte[] buf, long count) throws LastErrorException;

    static native int poll(int[] pollfd, long nfds, int timeout) throws LastErrorException;

    static native int connect(int fd, byte[] addr, int addrlen) throws LastErrorException;

    static native int fcntl(int fd, int cmd) throws LastErrorException;

    static native int close(int fd) throws LastErrorException;

    static native int dup(int fd) throws LastErrorException;

    static native int open(String path, int flags) throws LastErrorException;

    private TestLibC() {
    }
}
