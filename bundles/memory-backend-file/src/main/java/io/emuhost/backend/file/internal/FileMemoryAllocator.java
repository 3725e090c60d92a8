package io.emuhost.backend.file.internal;

import com.sun.jna.LastErrorException;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Properties;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps a backing file as QEMU 7.2 does (softmmu/physmem.c qemu_ram_alloc_from_file,
 * qemu_ram_alloc_from_fd, file_ram_alloc), with the {@code offset} of 8.1 and the
 * {@code rom} of 8.2. A file created here is removed again if any later step fails.
 */
final class FileMemoryAllocator {

    private static final Logger LOG = LoggerFactory.getLogger(FileMemoryAllocator.class);

    private FileMemoryAllocator() {
    }

    static HostMemoryBackend allocate(String id, FileBackendOptions options, Properties properties)
            throws ConfigurationException {
        MemoryBackendOptions common = options.common();
        BackingFile file = BackingFile.open(options.memPath(), common.regionName(id), options.readonly());
        HostMapping mapping = null;
        boolean complete = false;
        // QEMU: "on failure a file created in step 2 is unlinked again"; on any failure, an Error
        // (a fault while touching pages) included, so that no partial file is left behind
        try {
            long pageSize = file.pageSize();
            mapping = map(file, options, common.regionName(id), pageSize, properties);
            MappingSetup.complete(mapping, common, pageSize, !options.rom(), false);
            HostMemoryBackend backend = new HostMemoryBackend(id, FileBackendOptions.TYPE, common,
                    BackendQomProperties.of(options), mapping, file.fd(), alignment(options.align(), pageSize),
                    options.rom(), options.discardData(), file.created() ? Optional.of(file.path()) : Optional.empty());
            complete = true;
            return backend;
        } finally {
            if (!complete) {
                if (mapping != null) {
                    mapping.unmap();
                }
                file.discard();
            }
        }
    }

    /**
     * Takes over the descriptor and mapping of a suspended backend (live upgrade); nothing is
     * opened, truncated or mapped. The descriptor is the same open file description, so the lock
     * the previous version took is still held; it is taken again (a no-op then) for a previous
     * version that took none, and a conflict is only logged: the guest already uses the memory.
     */
    static HostMemoryBackend adopt(String id, FileBackendOptions options, DeviceState state, Properties properties)
            throws StateException {
        MemoryBackendOptions common = options.common();
        HostMemoryBackend.Adopted adopted = HostMemoryBackend.adopt(state, common.size());
        if (options.lock() && adopted.fd() >= 0 && BackingFileLock.applies(adopted.fd())) {
            try {
                BackingFileLock.acquire(adopted.fd(), options.memPath(), writesThrough(options), options.offset(),
                        adopted.mapping().length(), properties::warn);
            } catch (MemoryBackendException.BackingStoreLocked e) {
                LOG.warn("backend {} adopted without its lock: {}", id, e.getMessage());
            }
        }
        return new HostMemoryBackend(id, FileBackendOptions.TYPE, common, BackendQomProperties.of(options),
                adopted.mapping(), adopted.fd(), adopted.alignment(), options.rom(), options.discardData(),
                Optional.empty());
    }

    /** A writable shared mapping: guest stores reach the file (the exclusive lock, prealloc's blocks). */
    private static boolean writesThrough(FileBackendOptions options) {
        return options.common().share() && !options.readonly();
    }

    private static void checkAlignment(FileBackendOptions options, long pageSize) throws MemoryBackendException {
        long align = options.align();
        if (Long.remainderUnsigned(align, pageSize) != 0) {
            throw new MemoryBackendException.AlignmentNotPageMultiple(align, pageSize);
        }
        if (align != 0 && Long.bitCount(align) != 1) {
            throw new MemoryBackendException.AlignmentNotPowerOfTwo(align);
        }
        if (Long.remainderUnsigned(options.offset(), pageSize) != 0) {
            throw new MemoryBackendException.OffsetNotPageMultiple(options.offset(), pageSize);
        }
    }

    /** The region's alignment: max(page size, align). */
    private static long alignment(long align, long pageSize) {
        return Long.compareUnsigned(align, pageSize) > 0 ? align : pageSize;
    }

    /**
     * The checks in QEMU's order: file size, alignment, offset, size; then the lock, truncate,
     * prealloc's blocks and mmap. Whatever the file, the mapping never lies past its end.
     */
    private static HostMapping map(BackingFile file, FileBackendOptions options, String region, long pageSize,
            Properties properties) throws MemoryBackendException {
        MemoryBackendOptions common = options.common();
        long size = HostMapping.alignUp(common.size(), HostMapping.PAGE_SIZE);
        long offset = options.offset();
        // off_t is signed 64-bit: offset + size must be a file offset (QEMU 8.1 lets the sum wrap)
        if (offset != 0 && Long.compareUnsigned(offset, Long.MAX_VALUE - size) > 0) {
            throw new MemoryBackendException.OffsetBeyondFileLimit(offset, size);
        }
        long fileSize = file.size();
        // a larger file is fine (only its start is mapped); an empty one is extended below
        if (fileSize > 0 && Long.compareUnsigned(fileSize, offset + size) < 0) {
            throw offset == 0 ? new MemoryBackendException.BackingStoreTooSmall(fileSize, size)
                    : new MemoryBackendException.BackingStoreTooSmallForOffset(region, fileSize, size, offset);
        }
        checkAlignment(options, pageSize);
        if (Long.compareUnsigned(size, pageSize) < 0) {
            throw new MemoryBackendException.SizeBelowPageSize(size, pageSize);
        }
        long memory = HostMapping.alignUp(size, pageSize);
        if (options.lock() && BackingFileLock.applies(file.fd())) {
            BackingFileLock.acquire(file.fd(), options.memPath(), writesThrough(options), offset, memory,
                    properties::warn);
        }
        if (fileSize == 0) {
            truncate(file, offset, memory, properties);
        }
        if (common.prealloc() && writesThrough(options)) {
            allocateBlocks(file, offset, memory);
        }
        int prot = options.rom() ? LibC.PROT_READ : LibC.PROT_READ | LibC.PROT_WRITE;
        int flags = (common.share() ? LibC.MAP_SHARED : LibC.MAP_PRIVATE)
                | (common.reserve() ? 0 : LibC.MAP_NORESERVE);
        int syncFlags = options.pmem() && common.share() ? LibC.MAP_SHARED_VALIDATE | LibC.MAP_SYNC : 0;
        long alignment = alignment(options.align(), pageSize);
        try {
            return HostMapping.map(file.fd(), memory, alignment, prot, flags, syncFlags, offset,
                    () -> warnNotPersistent(file.fd(), properties));
        } catch (LastErrorException e) {
            throw new MemoryBackendException.CannotMapBackingStore(e.getErrorCode());
        }
    }

    /**
     * QEMU 8.1: a new or empty file becomes {@code offset + size} long. QEMU only reports a
     * failure (perror) and maps anyway; for a regular file that mapping would lie past the end of
     * the file (SIGBUS at the first access), so emuhost refuses. Other files (/dev/null, /dev/zero)
     * cannot be truncated and are mapped as in QEMU, or fail in mmap.
     */
    private static void truncate(BackingFile file, long offset, long memory, Properties properties)
            throws MemoryBackendException {
        try {
            LibC.ftruncate(file.fd(), offset + memory);
        } catch (LastErrorException e) {
            if (Files.isRegularFile(Path.of("/proc/self/fd/" + file.fd()))) {
                throw new MemoryBackendException.CannotExtendBackingStore(file.path(), offset, memory,
                        e.getErrorCode());
            }
            properties.warn("ftruncate: " + LibC.describe(e));
        }
    }

    /**
     * prealloc=on over a writable shared mapping needs the file's blocks: they are fallocated
     * first, so that a full disk or quota is ENOSPC/EDQUOT here (tmpfs gives back what it took)
     * rather than a populate that fails with EFAULT once the disk is full or, where pages are
     * touched one by one, SIGBUS. Where fallocate is not supported, the populate allocates as in QEMU.
     */
    private static void allocateBlocks(BackingFile file, long offset, long memory) throws MemoryBackendException {
        try {
            LibC.fallocate(file.fd(), 0, offset, memory);
        } catch (LastErrorException e) {
            int errno = e.getErrorCode();
            if (errno == LibC.ENOSPC || errno == LibC.EDQUOT || errno == LibC.EFBIG) {
                throw new MemoryBackendException.PreallocFailed(errno);
            }
        }
    }

    // QEMU util/mmap-alloc.c mmap_activate, when MAP_SYNC is refused with ENOTSUP
    private static void warnNotPersistent(int fd, Properties properties) {
        String name;
        try {
            name = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        } catch (IOException e) {
            name = "";
        }
        properties.warn("requesting persistence across crashes for backend file " + name
                + " failed. Proceeding without persistence, data might become corrupted in case of host crash.");
        properties.warn("Using non DAX backing file with 'pmem=on' option is deprecated");
    }
}
