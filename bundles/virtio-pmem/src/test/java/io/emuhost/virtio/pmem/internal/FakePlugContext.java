package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.PlugContext;
import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A {@link PlugContext} with a fixed set of backends that records what the device asked for. */
final class FakePlugContext implements PlugContext {

    static final long DEVICE_MEMORY_BASE = 0x1_0000_0000L;

    private final Optional<String> deviceId;
    private final Map<String, MemoryBackend> backends;
    final List<String> claimed = new ArrayList<>();
    final List<String> plugged = new ArrayList<>();

    FakePlugContext(Optional<String> deviceId, Map<String, MemoryBackend> backends) {
        this.deviceId = deviceId;
        this.backends = backends;
    }

    @Override
    public Optional<String> deviceId() {
        return deviceId;
    }

    @Override
    public MemoryBackend claimBackend(String id) throws ConfigurationException {
        MemoryBackend backend = backends.get(id);
        if (backend == null) {
            throw new ConfigurationException(ConfigurationException.ErrorClass.DEVICE_NOT_FOUND,
                    "Device '" + id + "' not found");
        }
        claimed.add(id);
        return backend;
    }

    @Override
    public long plugMemory(MemoryBackend backend, long addressHint, String memoryDeviceType) {
        plugged.add(backend.id() + "@" + Long.toHexString(addressHint) + ":" + memoryDeviceType);
        return addressHint != 0 ? addressHint : DEVICE_MEMORY_BASE;
    }

    @Override
    public GuestMemory guestMemory() {
        throw new UnsupportedOperationException("not needed by virtio-pmem-pci");
    }
}
