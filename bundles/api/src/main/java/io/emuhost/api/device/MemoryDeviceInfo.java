package io.emuhost.api.device;

import java.util.Optional;

/**
 * A device that occupies part of the device-memory area ({@code info memory-devices},
 * {@code query-memory-devices}).
 *
 * @param type the memory-device kind as QEMU names it, e.g. {@code virtio-pmem}
 * @param id the device id, if it has one
 * @param memaddr the guest physical address of the range
 * @param size the size of the range in bytes
 * @param memdev the QOM path of the backend, e.g. {@code /objects/mem1}
 */
public record MemoryDeviceInfo(String type, Optional<String> id, long memaddr, long size, String memdev) {
}
