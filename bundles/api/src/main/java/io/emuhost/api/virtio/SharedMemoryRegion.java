package io.emuhost.api.virtio;

import io.emuhost.api.memory.MemoryBackend;

/**
 * A virtio shared memory region (virtio 1.2 §2.10): memory the device exposes to the driver,
 * identified by an id unique within the device. On PCI it is announced with a
 * VIRTIO_PCI_CAP_SHARED_MEMORY_CFG capability and lies inside a BAR.
 *
 * @param id the shmid
 * @param backend the memory behind the region
 */
public record SharedMemoryRegion(int id, MemoryBackend backend) {
}
