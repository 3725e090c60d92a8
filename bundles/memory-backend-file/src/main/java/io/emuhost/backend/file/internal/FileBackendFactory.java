package io.emuhost.backend.file.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * {@code -object memory-backend-file,id=ID,mem-path=PATH,size=SIZE,...}: guest memory mapped
 * from a host file, with QEMU 7.2's properties, checks and error texts.
 */
@Component(service = ObjectFactory.class, property = ObjectFactory.TYPE + "=" + FileBackendOptions.TYPE)
public final class FileBackendFactory implements ObjectFactory {

    private final List<PropertySpec> properties = FileBackendOptions.specs();

    /** Creates the factory; it holds no state besides the property list. */
    public FileBackendFactory() {
    }

    @Override
    public List<PropertySpec> properties() {
        return properties;
    }

    /**
     * Opens or creates the file and maps it.
     *
     * @return a {@link HostMemoryBackend}
     */
    @Override
    public HostMemoryBackend create(String id, Properties properties) throws ConfigurationException {
        return FileMemoryAllocator.allocate(id, FileBackendOptions.parse(properties), properties);
    }

    /**
     * Adopts the descriptor and mapping of a backend another version of this bundle handed
     * over: nothing is opened or mapped, the guest's memory stays where it is.
     */
    @Override
    public HostMemoryBackend restore(String id, Properties properties, DeviceState state)
            throws ConfigurationException, StateException {
        return FileMemoryAllocator.adopt(id, FileBackendOptions.parse(properties), state, properties);
    }
}
