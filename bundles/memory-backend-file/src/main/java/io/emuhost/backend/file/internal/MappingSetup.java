package io.emuhost.backend.file.internal;

import com.sun.jna.LastErrorException;
import io.emuhost.api.memory.MemoryBackend;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What QEMU does to a fresh mapping before the backend is complete (softmmu/physmem.c
 * ram_block_add, backends/hostmem.c host_memory_backend_memory_complete): madvise hints, the
 * NUMA policy, then preallocation, in that order so preallocated pages follow the policy.
 */
final class MappingSetup {

    private static final Logger LOG = LoggerFactory.getLogger(MappingSetup.class);

    private MappingSetup() {
    }

    /**
     * @param mapping the new mapping
     * @param options the backend's properties
     * @param pageSize the page size of the backing store (huge page size on hugetlbfs)
     * @param writable whether the mapping has PROT_WRITE
     * @param anonymous whether no file is behind the mapping. QEMU asks for transparent huge
     *     pages on every RAM block; we ask only for anonymous memory, because on file systems with
     *     large folios (ext4 since Linux 6.16) it makes every first write to a sparse backing file
     *     allocate 2 MiB of disk
     * @throws MemoryBackendException if the policy or the preallocation fails
     */
    static void complete(HostMapping mapping, MemoryBackendOptions options, long pageSize, boolean writable,
            boolean anonymous) throws MemoryBackendException {
        long size = options.size();
        if (anonymous) {
            adviseQuietly(mapping, size, LibC.MADV_HUGEPAGE);
        }
        adviseQuietly(mapping, size, LibC.MADV_DONTFORK);
        if (options.merge()) {
            adviseQuietly(mapping, size, LibC.MADV_MERGEABLE);
        }
        if (!options.dump()) {
            adviseQuietly(mapping, size, LibC.MADV_DONTDUMP);
        }
        bind(mapping, size, options.policy(), options.hostNodes());
        if (options.prealloc()) {
            options.preallocContext().ifPresent(context -> LOG.info(
                    "prealloc-context '{}' ignored: preallocation is a single MADV_POPULATE call", context));
            prealloc(mapping, HostMapping.alignUp(size, pageSize), pageSize, writable);
        }
    }

    private static void adviseQuietly(HostMapping mapping, long size, int advice) {
        try {
            mapping.advise(size, advice);
        } catch (LastErrorException e) {
            LOG.debug("madvise({}) failed: {}", advice, LibC.describe(e));
        }
    }

    private static void bind(HostMapping mapping, long size, HostMemPolicy policy, HostNodes nodes)
            throws MemoryBackendException {
        if (!nodes.isEmpty() && policy == HostMemPolicy.DEFAULT) {
            throw new MemoryBackendException.HostNodesWithDefaultPolicy();
        }
        if (nodes.isEmpty() && policy != HostMemPolicy.DEFAULT) {
            throw new MemoryBackendException.HostNodesMissing(policy);
        }
        if (nodes.isEmpty()) {
            return;
        }
        try {
            LibC.syscall(LibC.SYS_MBIND, mapping.pointer(), size, policy.mpolMode(), nodes.nodemask(),
                    nodes.maxnode(), LibC.MPOL_MF_STRICT | LibC.MPOL_MF_MOVE);
        } catch (LastErrorException e) {
            throw new MemoryBackendException.CannotBindHostNodes(e.getErrorCode());
        }
    }

    // QEMU util/oslib-posix.c qemu_prealloc_mem; a read-only mapping is populated for reading
    // (QEMU 7.2 would fault writing to it)
    private static void prealloc(HostMapping mapping, long bytes, long pageSize, boolean writable)
            throws MemoryBackendException {
        try {
            mapping.advise(bytes, writable ? LibC.MADV_POPULATE_WRITE : LibC.MADV_POPULATE_READ);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != LibC.EINVAL) {
                throw new MemoryBackendException.PreallocFailed(e.getErrorCode());
            }
            touchPages(mapping, bytes, pageSize, writable);
        }
    }

    /** Kernels before 5.14 lack MADV_POPULATE_*: touch one byte per page instead, as QEMU does. */
    private static void touchPages(HostMapping mapping, long bytes, long pageSize, boolean write) {
        for (long start = 0; start < bytes; start += MemoryBackend.WINDOW_SIZE) {
            int length = (int) Math.min(MemoryBackend.WINDOW_SIZE, bytes - start);
            ByteBuffer window = mapping.view(start, length, false);
            for (long page = 0; page < length; page += pageSize) {
                byte value = window.get((int) page);
                if (write) {
                    window.put((int) page, value);
                }
            }
        }
    }
}
