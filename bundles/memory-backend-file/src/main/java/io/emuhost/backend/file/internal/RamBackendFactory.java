package io.emuhost.backend.file.internal;

import com.sun.jna.LastErrorException;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * {@code -object memory-backend-ram,id=ID,size=SIZE,...}: anonymous guest memory, also the
 * machine's main RAM ({@code pc.ram}). Always MAP_NORESERVE, so untouched memory costs nothing.
 * It has no file: its flush fails like QEMU's fsync(-1).
 */
@Component(service = ObjectFactory.class, property = ObjectFactory.TYPE + "=" + RamBackendFactory.TYPE)
public final class RamBackendFactory implements ObjectFactory {

    static final String TYPE = "memory-backend-ram";

    /** QEMU_VMALLOC_ALIGN on x86_64 Linux: anonymous RAM is 2 MiB aligned. */
    static final long ALIGNMENT = 2L << 20;

    private final List<PropertySpec> properties = MemoryBackendOptions.specs();

    /** Creates the factory; it holds no state besides the property list. */
    public RamBackendFactory() {
    }

    @Override
    public List<PropertySpec> properties() {
        return properties;
    }

    /**
     * Maps the memory (QEMU softmmu/physmem.c qemu_ram_alloc_internal, qemu_anon_ram_alloc).
     *
     * @return a {@link HostMemoryBackend} whose {@code fd()} is -1
     */
    @Override
    public HostMemoryBackend create(String id, Properties properties) throws ConfigurationException {
        MemoryBackendOptions options = MemoryBackendOptions.parse(TYPE, properties);
        long size = HostMapping.alignUp(options.size(), HostMapping.PAGE_SIZE);
        int flags = (options.share() ? LibC.MAP_SHARED : LibC.MAP_PRIVATE) | LibC.MAP_ANONYMOUS
                | LibC.MAP_NORESERVE;
        HostMapping mapping;
        try {
            mapping = HostMapping.map(-1, size, ALIGNMENT, LibC.PROT_READ | LibC.PROT_WRITE, flags, 0, 0, null);
        } catch (LastErrorException e) {
            throw new MemoryBackendException.CannotSetUpGuestMemory(options.regionName(id), e.getErrorCode());
        }
        try {
            MappingSetup.complete(mapping, options, HostMapping.PAGE_SIZE, true, true);
        } catch (MemoryBackendException | RuntimeException e) {
            mapping.unmap();
            throw e;
        }
        return new HostMemoryBackend(id, TYPE, options, BackendQomProperties.of(options), mapping, -1, ALIGNMENT, false, false,
                Optional.empty());
    }

    /** Adopts the anonymous mapping of a backend another version of this bundle handed over. */
    @Override
    public HostMemoryBackend restore(String id, Properties properties, DeviceState state)
            throws ConfigurationException, StateException {
        MemoryBackendOptions options = MemoryBackendOptions.parse(TYPE, properties);
        HostMemoryBackend.Adopted adopted = HostMemoryBackend.adopt(state, options.size());
        return new HostMemoryBackend(id, TYPE, options, BackendQomProperties.of(options), adopted.mapping(), -1,
                ALIGNMENT, false, false, Optional.empty());
    }
}
