package io.emuhost.machine.internal.memory;

import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.memory.MemoryBackend;
import java.util.Optional;

/**
 * A memory device's range in the device-memory area.
 *
 * @param type the memory-device kind, e.g. {@code virtio-pmem}
 * @param id the device id, if it has one
 * @param address the guest physical address
 * @param size the size: the backend's size
 * @param backend the memory mapped there
 */
public record PlacedMemoryDevice(String type, Optional<String> id, long address, long size, MemoryBackend backend) {

    /**
     * What {@code query-memory-devices} shows.
     *
     * @return the description
     */
    public MemoryDeviceInfo info() {
        return new MemoryDeviceInfo(type, id, address, size, "/objects/" + backend.id());
    }

    long last() {
        return address + size - 1;
    }
}
