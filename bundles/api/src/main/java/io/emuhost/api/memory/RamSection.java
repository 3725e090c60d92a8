package io.emuhost.api.memory;

/**
 * A piece of guest RAM that lives outside the machine, e.g. in the QEMU process whose guest uses
 * emuhost's devices over QEMU's multi-process protocol: {@code size} bytes at guest physical
 * {@code address}, backed by {@code backend} from byte {@code backendOffset}.
 *
 * @param address guest physical address
 * @param size length in bytes
 * @param backend the memory; its owner keeps it open while the section is mapped
 * @param backendOffset offset of the section in the backend
 */
public record RamSection(long address, long size, MemoryBackend backend, long backendOffset) {

    /**
     * Checks the section lies inside its backend.
     *
     * @param address guest physical address
     * @param size length in bytes
     * @param backend the memory
     * @param backendOffset offset in the backend
     */
    public RamSection {
        if (size <= 0 || backendOffset < 0 || backendOffset > backend.size() - size) {
            throw new IllegalArgumentException(String.format(
                    "section [0x%x, +0x%x) at offset 0x%x does not fit backend %s of 0x%x bytes",
                    address, size, backendOffset, backend.id(), backend.size()));
        }
    }
}
