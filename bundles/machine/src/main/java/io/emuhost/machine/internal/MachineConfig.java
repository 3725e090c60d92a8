package io.emuhost.machine.internal;

import java.util.OptionalLong;

/**
 * The machine's shape, fixed when it is created: what {@code -machine} and {@code -m} say.
 *
 * @param type the machine type, {@code pc}
 * @param ramSize main RAM in bytes ({@code -m size=})
 * @param slots memory slots ({@code -m slots=}); QEMU adds 1 GiB of slack per slot to the
 *     device-memory area
 * @param maxMem the {@code maxmem} budget, or empty: then device memory is reserved automatically
 *     and the machine says so once on stderr
 */
public record MachineConfig(String type, long ramSize, int slots, OptionalLong maxMem) {

    /** QEMU's default RAM size: 128 MiB. */
    public static final long DEFAULT_RAM = 128L << 20;

    /**
     * The configuration of a machine started without {@code -m} or {@code -machine}.
     *
     * @return pc, 128 MiB, no slots, automatic device memory
     */
    public static MachineConfig defaults() {
        return new MachineConfig("pc", DEFAULT_RAM, 0, OptionalLong.empty());
    }
}
