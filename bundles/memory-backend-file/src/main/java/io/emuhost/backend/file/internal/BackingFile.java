package io.emuhost.backend.file.internal;

import com.sun.jna.LastErrorException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * An open backing store, as QEMU 7.2's file_ram_open (softmmu/physmem.c) opens it: the file,
 * created 0644 if missing (even when read-only), or an unlinked temporary file when the path
 * is a directory.
 *
 * @param fd the open descriptor
 * @param path the mem-path as given
 * @param created whether this open created {@code path} (to unlink it if creation fails later)
 */
record BackingFile(int fd, String path, boolean created) {

    private static final int CREATE_MODE = 0644;

    static BackingFile open(String path, String regionName, boolean readonly) throws MemoryBackendException {
        while (true) {
            int errno;
            try {
                return new BackingFile(LibC.open(path, readonly ? LibC.O_RDONLY : LibC.O_RDWR, 0), path, false);
            } catch (LastErrorException e) {
                errno = e.getErrorCode();
            }
            try {
                if (errno == LibC.ENOENT) {
                    int fd = LibC.open(path, LibC.O_RDWR | LibC.O_CREAT | LibC.O_EXCL, CREATE_MODE);
                    return new BackingFile(fd, path, true);
                }
                if (errno == LibC.EISDIR) {
                    return openTemporary(path, regionName);
                }
            } catch (LastErrorException e) {
                errno = e.getErrorCode();
            }
            // EEXIST: someone created the file between the two opens; EINTR: interrupted
            if (errno != LibC.EEXIST && errno != LibC.EINTR) {
                throw new MemoryBackendException.CannotOpenBackingStore(path, errno);
            }
        }
    }

    private static BackingFile openTemporary(String directory, String regionName) {
        String name = directory + "/qemu_back_mem." + regionName.replace('/', '_') + ".XXXXXX";
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] template = Arrays.copyOf(bytes, bytes.length + 1);
        int fd = LibC.mkstemp(template);
        unlinkQuietly(new String(template, 0, bytes.length, StandardCharsets.UTF_8));
        return new BackingFile(fd, directory, false);
    }

    /**
     * The size of the store as QEMU's get_file_size sees it: a device-DAX node's size from sysfs,
     * else lseek(SEEK_END).
     *
     * @return the size, or -errno if it cannot be read
     */
    long size() {
        OptionalLong dax = DevDax.size(Path.of(path));
        if (dax.isPresent()) {
            return dax.getAsLong();
        }
        try {
            return LibC.lseek(fd, 0, LibC.SEEK_END);
        } catch (LastErrorException e) {
            return -e.getErrorCode();
        }
    }

    /** QEMU's qemu_fd_getpagesize: the huge page size on hugetlbfs, else the host page size. */
    long pageSize() {
        try {
            FileStore store = Files.getFileStore(Path.of(path));
            if ("hugetlbfs".equals(store.type())) {
                return store.getBlockSize();
            }
        } catch (IOException | UnsupportedOperationException e) {
            // not a file system we can ask: fall back to the host page size
        }
        return HostMapping.PAGE_SIZE;
    }

    /** Closes the descriptor and removes a file this open created. */
    void discard() {
        if (created) {
            unlinkQuietly(path);
        }
        closeQuietly(fd);
    }

    static void closeQuietly(int fd) {
        try {
            LibC.close(fd);
        } catch (LastErrorException e) {
            // close(2) releases the descriptor even when it reports an error
        }
    }

    static void unlinkQuietly(String path) {
        try {
            LibC.unlink(path);
        } catch (LastErrorException e) {
            // QEMU ignores the result as well
        }
    }
}
