package io.emuhost.testkit.driver;

/**
 * A shared memory region as the driver sees it (virtio 1.2 §2.10, §4.1.4.7).
 *
 * @param id the shmid
 * @param address the guest physical address (BAR address + offset)
 * @param length the length in bytes
 */
public record SharedMemoryWindow(int id, long address, long length) {
}
