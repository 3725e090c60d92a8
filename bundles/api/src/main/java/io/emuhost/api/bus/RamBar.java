package io.emuhost.api.bus;

import io.emuhost.api.memory.MemoryBackend;

/**
 * Memory behind a memory BAR (for example a virtio shared-memory region): the backend's bytes
 * appear at the programmed address, for the first {@code backend.size()} bytes of the BAR.
 *
 * @param index BAR number
 * @param size size in bytes (a power of two at least the backend's size)
 * @param is64Bit 64-bit BAR
 * @param prefetchable prefetchable bit
 * @param backend the memory
 */
public record RamBar(int index, long size, boolean is64Bit, boolean prefetchable, MemoryBackend backend)
        implements PciBar {
}
