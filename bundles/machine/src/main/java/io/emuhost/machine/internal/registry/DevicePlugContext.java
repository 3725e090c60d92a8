package io.emuhost.machine.internal.registry;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.PlugContext;
import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.machine.internal.memory.DeviceMemoryArea;
import io.emuhost.machine.internal.memory.MemoryRegion;
import io.emuhost.machine.internal.memory.PhysicalMemory;
import io.emuhost.machine.internal.memory.PlacedMemoryDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one device took from the machine while it was created: the backends it claimed (busy)
 * and the memory-device ranges it mapped. {@link #release()} gives all of it back. A device
 * restored into the context after a hand-over asks again and gets what the context holds.
 */
final class DevicePlugContext implements PlugContext {

    private final Registry registry;
    private final Optional<String> deviceId;
    private final DeviceMemoryArea area;
    private final PhysicalMemory memory;
    private final List<MemoryBackend> claimed = new ArrayList<>();
    private final List<PlacedMemoryDevice> placed = new ArrayList<>();
    private final List<MemoryRegion> mapped = new ArrayList<>();

    DevicePlugContext(Registry registry, Optional<String> deviceId, DeviceMemoryArea area, PhysicalMemory memory) {
        this.registry = registry;
        this.deviceId = deviceId;
        this.area = area;
        this.memory = memory;
    }

    @Override
    public Optional<String> deviceId() {
        return deviceId;
    }

    @Override
    public MemoryBackend claimBackend(String id) throws ConfigurationException {
        for (MemoryBackend held : claimed) {
            if (held.id().equals(id)) {
                return held;
            }
        }
        MemoryBackend backend = registry.claimBackend(id);
        claimed.add(backend);
        return backend;
    }

    @Override
    public long plugMemory(MemoryBackend backend, long addressHint, String memoryDeviceType)
            throws ConfigurationException {
        if (claimed.stream().noneMatch(b -> b == backend)) {
            throw new IllegalArgumentException("backend " + backend.id() + " was not claimed through this context");
        }
        for (MemoryRegion region : mapped) {
            if (region.backend() == backend) {
                return region.base();
            }
        }
        PlacedMemoryDevice device = area.plug(backend, addressHint, memoryDeviceType, deviceId);
        MemoryRegion region = new MemoryRegion(backend.id(), device.address(), device.size(), backend, 0,
                MemoryRegion.windowsOf(backend));
        if (!memory.tryMap(region)) {
            area.unplug(device);
            throw new ConfigurationException(String.format("address range [0x%x:0x%x] is already mapped",
                    device.address(), device.size()));
        }
        placed.add(device);
        mapped.add(region);
        return device.address();
    }

    @Override
    public GuestMemory guestMemory() {
        return memory;
    }

    /** The backends the device claimed. */
    List<MemoryBackend> claimedBackends() {
        return List.copyOf(claimed);
    }

    /**
     * Takes the memory devices out of guest memory; returns once no access to them is in flight
     * ({@link PhysicalMemory#unmap}), so their backends may be closed afterwards.
     */
    void unmapMemory() {
        mapped.forEach(memory::unmap);
        mapped.clear();
    }

    /** Unmaps the memory devices, takes them out of the area and frees the backends. */
    void release() {
        unmapMemory();
        placed.forEach(area::unplug);
        claimed.forEach(registry::releaseBackend);
        placed.clear();
        claimed.clear();
    }
}
