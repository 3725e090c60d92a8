package io.emuhost.remote.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.UserObject;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.api.memory.RamSection;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SYNC_SYSMEM (reference §1 item 6, pitfall 5): every message carries the complete list of
 * QEMU's fd-backed RAM sections with fresh duplicate descriptors, so each one replaces the whole
 * map. A file is mapped once, whole, by a {@code memory-backend-file} made through the factory
 * service with {@code mem-path=/proc/self/fd/N} (the backend opens its own descriptor, so each
 * received one is closed as soon as it has been looked at); its sections become
 * {@link RamSection}s at their offsets. A later message that names the same file (same device,
 * inode and size) re-uses the mapping, so the 80 to 100 messages of a boot map guest RAM once.
 * An fd-less section never arrives: QEMU puts fd −1 in the SCM_RIGHTS array for it, and its
 * sendmsg fails with EBADF (pitfall 4), so every section received has a descriptor.
 * Sections over the machine's memory devices (the pmem pc-dimm, which the device maps with its
 * own backend of the same file) are left out here, quietly.
 */
final class SystemRamSync implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SystemRamSync.class);

    private final String name;
    private final Machine machine;
    private final ObjectFactory fileBackends;
    private final Memory stat = new Memory(LibC.STAT_SIZE);
    private Map<FileIdentity, MemoryBackend> mapped = Map.of();
    private int backendCount;
    private boolean replaced;

    /**
     * Creates the map, empty: the machine's own RAM stays until the first message.
     *
     * @param name the remote object's id, for backend ids and log lines
     * @param machine the machine whose system RAM is replaced
     * @param fileBackends the {@code memory-backend-file} factory
     */
    SystemRamSync(String name, Machine machine, ObjectFactory fileBackends) {
        this.name = name;
        this.machine = machine;
        this.fileBackends = fileBackends;
    }

    /**
     * Applies one SYNC_SYSMEM. Every descriptor in {@code fds} is closed on return.
     *
     * @param payload SyncSysmemMsg
     * @param fds one descriptor per section (num_fds sections), 1..8
     */
    void sync(ByteBuffer payload, ReceivedFds fds) {
        int count = fds.count();
        List<RamSection> sections = new ArrayList<>(count);
        Map<FileIdentity, MemoryBackend> next = new HashMap<>();
        List<MemoryDeviceInfo> devices = machine.memoryDevices();
        try {
            for (int i = 0; i < count; i++) {
                long gpa = payload.getLong(Wire.SYNC_GPAS + 8 * i);
                long size = payload.getLong(Wire.SYNC_SIZES + 8 * i);
                long offset = payload.getLong(Wire.SYNC_OFFSETS + 8 * i);
                int fd = fds.take(i);
                try {
                    section(gpa, size, offset, fd, devices, next).ifPresent(sections::add);
                } finally {
                    LibC.closeQuietly(fd);
                }
            }
        } finally {
            fds.closeAll();
        }
        try {
            machine.replaceSystemRam(sections);
        } catch (ConfigurationException e) {
            LOG.warn("{}: SYNC_SYSMEM ignored: {}", name, e.getMessage());
            closeUnused(next, mapped);
            return;
        }
        closeUnused(mapped, next);
        mapped = next;
        replaced = true;
        LOG.debug("{}: system RAM now {} section(s) in {} mapping(s)", name, sections.size(), next.size());
    }

    private Optional<RamSection> section(long gpa, long size, long offset, int fd,
            List<MemoryDeviceInfo> devices, Map<FileIdentity, MemoryBackend> next) {
        // physical addresses are below 2^52: a section must end below 2^63
        if (size <= 0 || offset < 0 || gpa < 0 || gpa + size < 0) {
            LOG.warn("{}: SYNC_SYSMEM section [0x{}, +0x{}) at offset 0x{} is invalid; left out", name,
                    Long.toHexString(gpa), Long.toHexString(size), Long.toHexString(offset));
            return Optional.empty();
        }
        for (MemoryDeviceInfo device : devices) {
            if (gpa < device.memaddr() + device.size() && device.memaddr() < gpa + size) {
                LOG.debug("{}: section [0x{}, +0x{}) is memory device {}'s range; left out", name,
                        Long.toHexString(gpa), Long.toHexString(size), device.id().orElse(device.memdev()));
                return Optional.empty();
            }
        }
        FileIdentity identity;
        try {
            identity = FileIdentity.of(fd, stat).key();
        } catch (LastErrorException e) {
            LOG.warn("{}: SYNC_SYSMEM descriptor {} cannot be used: {}", name, fd, LibC.strerror(e.getErrorCode()));
            return Optional.empty();
        }
        MemoryBackend backend = next.get(identity);
        if (backend == null) {
            backend = mapped.get(identity);
        }
        if (backend == null) {
            backend = map(fd, identity);
            if (backend == null) {
                return Optional.empty();
            }
        }
        next.put(identity, backend);
        if (offset > backend.size() - size) {
            LOG.warn("{}: SYNC_SYSMEM section [0x{}, +0x{}) at offset 0x{} lies beyond its file of 0x{} bytes; left out",
                    name, Long.toHexString(gpa), Long.toHexString(size), Long.toHexString(offset),
                    Long.toHexString(backend.size()));
            return Optional.empty();
        }
        return Optional.of(new RamSection(gpa, size, backend, offset));
    }

    /**
     * Maps the whole file behind a descriptor, shared (reference pitfall 4: share=on), unlocked:
     * the guest's RAM is QEMU's, which maps it writable too, so a lock would only refuse it.
     */
    private MemoryBackend map(int fd, FileIdentity identity) {
        String id = name + "-sysmem" + backendCount++;
        Map<String, Object> values = Map.of("mem-path", "/proc/self/fd/" + fd, "size", identity.size(), "share", true,
                "lock", false);
        try {
            UserObject object = fileBackends.create(id, new BackendProperties(id, values));
            if (object instanceof MemoryBackend backend) {
                return backend;
            }
            object.close();
            LOG.warn("{}: the memory-backend-file factory made no memory backend", name);
        } catch (ConfigurationException e) {
            LOG.warn("{}: cannot map SYNC_SYSMEM descriptor {} ({} bytes): {}", name, fd, identity.size(),
                    e.getMessage());
        }
        return null;
    }

    private static void closeUnused(Map<FileIdentity, MemoryBackend> from, Map<FileIdentity, MemoryBackend> kept) {
        for (Map.Entry<FileIdentity, MemoryBackend> entry : from.entrySet()) {
            if (kept.get(entry.getKey()) != entry.getValue()) {
                entry.getValue().close();
            }
        }
    }

    /**
     * How many files are mapped now.
     *
     * @return the number of backends
     */
    int mappings() {
        return mapped.size();
    }

    /** Gives the machine its own RAM back and closes every mapping. */
    @Override
    public void close() {
        if (replaced) {
            try {
                machine.replaceSystemRam(List.of());
            } catch (ConfigurationException e) {
                LOG.warn("{}: giving the main RAM back failed: {}", name, e.getMessage());
            }
        }
        closeUnused(mapped, Map.of());
        mapped = Map.of();
        replaced = false;
    }
}
