package io.emuhost.api.machine;

import java.util.OptionalLong;

/**
 * A machine's shape, fixed when it is built: what {@code -machine} and {@code -m} say.
 *
 * @param type the machine type, {@code pc}
 * @param ramSize main RAM in bytes ({@code -m size=})
 * @param slots memory slots ({@code -m slots=}); QEMU adds 1 GiB of slack per slot to the
 *     device-memory area
 * @param maxMem the {@code maxmem} budget, or empty: then device memory is reserved automatically
 *     and the machine says so once on stderr
 */
public record MachineSpec(String type, long ramSize, int slots, OptionalLong maxMem) {

    /** QEMU's default RAM size: 128 MiB. */
    public static final long DEFAULT_RAM = 128L << 20;

    /**
     * The shape of a machine started without {@code -m} or {@code -machine}.
     *
     * @return pc, 128 MiB, no slots, automatic device memory
     */
    public static MachineSpec defaults() {
        return new MachineSpec("pc", DEFAULT_RAM, 0, OptionalLong.empty());
    }
}
