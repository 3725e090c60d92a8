package io.emuhost.testkit.device;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.PlugContext;
import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.MemoryBackend;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link PlugContext} for a device factory's unit tests: the backends the test adds, claimed
 * with the machine's wording for a missing or busy one, and memory plugged at the hint or at
 * consecutive addresses from {@link #DEVICE_MEMORY_BASE} (no budget, no alignment: the machine's
 * placement rules are the machine's tests').
 */
public final class TestPlugContext implements PlugContext {

    /** Where {@link #plugMemory} places a backend without a hint first. */
    public static final long DEVICE_MEMORY_BASE = 1L << 32;

    private final GuestMemory guestMemory;
    private final Optional<String> deviceId;
    private final Map<String, MemoryBackend> backends = new HashMap<>();
    private final Set<String> claimed = new HashSet<>();
    private final Map<MemoryBackend, Long> plugged = new HashMap<>();
    private long nextAddress = DEVICE_MEMORY_BASE;

    /**
     * A context for a device with the given id.
     *
     * @param guestMemory what {@link #guestMemory()} returns
     * @param deviceId the device's {@code id=}, or null for none
     */
    public TestPlugContext(GuestMemory guestMemory, String deviceId) {
        this.guestMemory = guestMemory;
        this.deviceId = Optional.ofNullable(deviceId);
    }

    /**
     * Makes a backend claimable under an object id, as {@code -object ...,id=ID} would.
     *
     * @param id the object id
     * @param backend the backend
     * @return this context
     */
    public synchronized TestPlugContext withBackend(String id, MemoryBackend backend) {
        backends.put(id, backend);
        return this;
    }

    /**
     * @param id a backend id
     * @return whether a device claimed it
     */
    public synchronized boolean isClaimed(String id) {
        return claimed.contains(id);
    }

    @Override
    public Optional<String> deviceId() {
        return deviceId;
    }

    @Override
    public synchronized MemoryBackend claimBackend(String id) throws ConfigurationException {
        MemoryBackend backend = backends.get(id);
        if (backend == null) {
            throw new ConfigurationException(ConfigurationException.ErrorClass.DEVICE_NOT_FOUND,
                    "Device '" + id + "' not found");
        }
        if (!claimed.add(id)) {
            throw new ConfigurationException("can't use already busy memdev: " + id);
        }
        return backend;
    }

    @Override
    public synchronized long plugMemory(MemoryBackend backend, long addressHint, String memoryDeviceType) {
        return plugged.computeIfAbsent(backend, b -> {
            long address = addressHint != 0 ? addressHint : nextAddress;
            nextAddress = Math.max(nextAddress, address + b.size());
            return address;
        });
    }

    @Override
    public GuestMemory guestMemory() {
        return guestMemory;
    }
}
