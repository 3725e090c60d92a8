package io.emuhost.remote.internal;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Descriptor helpers for the tests: socketpairs, memfds, eventfds, and a census of /proc/self/fd. */
final class Fds {

    private static final int F_GETFD = 1;
    private static final short POLLIN = 1;

    private Fds() {
    }

    static int[] socketpair() {
        int[] sv = new int[2];
        TestLibC.socketpair(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0, sv);
        return sv;
    }

    static int memfd(String name, long size) {
        int fd = TestLibC.memfd_create(name, TestLibC.MFD_CLOEXEC);
        TestLibC.ftruncate(fd, size);
        return fd;
    }

    static int eventfd() {
        return TestLibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
    }

    static int connect(Path path) {
        int fd = LibC.socket(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC, 0);
        byte[] address = new byte[LibC.SOCKADDR_UN_SIZE];
        address[0] = LibC.AF_UNIX;
        byte[] bytes = path.toString().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(bytes, 0, address, 2, bytes.length);
        TestLibC.connect(fd, address, address.length);
        return fd;
    }

    /** Whether a descriptor number is open. */
    static boolean isOpen(int fd) {
        try {
            TestLibC.fcntl(fd, F_GETFD);
            return true;
        } catch (LastErrorException e) {
            return false;
        }
    }

    /** Whether a descriptor becomes readable within the timeout. */
    static boolean readable(int fd, int timeoutMillis) {
        int[] pollfd = {fd, POLLIN};
        return TestLibC.poll(pollfd, 1, timeoutMillis) > 0 && (pollfd[1] >>> 16 & POLLIN) != 0;
    }

    /** Reads an eventfd's counter (0 if it is not readable: nonblocking). */
    static long readCounter(int fd) {
        byte[] value = new byte[8];
        try {
            TestLibC.read(fd, value, 8);
        } catch (LastErrorException e) {
            return 0;
        }
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    static void writeCounter(int fd, long value) {
        byte[] bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        TestLibC.write(fd, bytes, 8);
    }

    static int readInt(int fd, long offset) {
        byte[] bytes = new byte[4];
        TestLibC.pread(fd, bytes, 4, offset);
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    static void writeInt(int fd, long offset, int value) {
        byte[] bytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
        TestLibC.pwrite(fd, bytes, 4, offset);
    }

    static void close(int... fds) {
        for (int fd : fds) {
            LibC.closeQuietly(fd);
        }
    }

    /**
     * The process's descriptors by kind: memfd, eventfd, socket, other.
     *
     * @return kind to count
     */
    static Map<String, Integer> census() {
        Map<String, Integer> kinds = new TreeMap<>(Map.of("memfd", 0, "eventfd", 0, "socket", 0, "other", 0));
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            entries.forEach(entry -> {
                String target;
                try {
                    target = Files.readSymbolicLink(entry).toString();
                } catch (IOException e) {
                    return; // the directory's own descriptor, closed by now
                }
                String kind = target.startsWith("/memfd:") ? "memfd"
                        : target.contains("[eventfd]") ? "eventfd"
                        : target.startsWith("socket:") ? "socket" : "other";
                kinds.merge(kind, 1, Integer::sum);
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return kinds;
    }

    /** The kinds this bundle creates: census without "other" (the JVM opens jars and files at will). */
    static Map<String, Integer> ours() {
        Map<String, Integer> kinds = census();
        kinds.remove("other");
        return kinds;
    }
}
