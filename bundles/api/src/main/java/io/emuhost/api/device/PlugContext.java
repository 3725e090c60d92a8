package io.emuhost.api.device;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.MemoryBackend;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a device may ask of the host while it is created. One context per device; everything
 * taken through it is given back by the machine when the device goes away or its creation fails.
 */
@ProviderType
public interface PlugContext {

    /**
     * The device's id ({@code id=} property), if it has one.
     *
     * @return the id
     */
    Optional<String> deviceId();

    /**
     * Takes a memory backend for exclusive use and marks it busy (QEMU's {@code memdev} link).
     *
     * Asked again by a device restored into this context ({@link DeviceFactory#restore}), it
     * returns the backend the context already holds.
     *
     * @param id the backend's object id
     * @return the backend
     * @throws ConfigurationException {@code Device '<id>' not found} (class DeviceNotFound) if no
     *     backend has the id; {@code can't use already busy memdev: <id>} if another device holds it
     */
    MemoryBackend claimBackend(String id) throws ConfigurationException;

    /**
     * Maps a claimed backend into the device-memory area as a memory device, with QEMU's
     * placement rule: at the hint if nonzero, else first fit above the area's base, aligned to
     * the backend's alignment, within the {@code maxmem} budget.
     *
     * Asked again for a backend this context already placed (a restored device), it returns the
     * address the backend already has.
     *
     * @param backend a backend taken with {@link #claimBackend}
     * @param addressHint the requested guest physical address, 0 for automatic placement
     * @param memoryDeviceType the memory-device kind shown by the monitor, e.g. {@code virtio-pmem}
     * @return the guest physical address of the range
     * @throws ConfigurationException with QEMU's wording (not enough space, alignment, conflicts)
     */
    long plugMemory(MemoryBackend backend, long addressHint, String memoryDeviceType)
            throws ConfigurationException;

    /**
     * The guest's memory, for devices that need it before the driver activates them.
     *
     * @return the guest memory
     */
    GuestMemory guestMemory();
}
