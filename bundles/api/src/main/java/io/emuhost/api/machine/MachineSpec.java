package io.emuhost.api.machine;

import java.util.Objects;
import java.util.OptionalLong;

/**
 * A machine's shape, fixed when it is built: what {@code -machine}, {@code -m} and {@code -cpu} say.
 *
 * @param type the machine type, {@code pc}
 * @param ramSize main RAM in bytes ({@code -m size=})
 * @param slots memory slots ({@code -m slots=}); QEMU adds 1 GiB of slack per slot to the
 *     device-memory area
 * @param maxMem the {@code maxmem} budget, or empty: then device memory is reserved automatically
 *     and the machine says so once on stderr
 * @param cpu the guest CPU ({@code -cpu}); its address width bounds the device-memory area
 */
public record MachineSpec(String type, long ramSize, int slots, OptionalLong maxMem, CpuSpec cpu) {

    /** QEMU's default RAM size: 128 MiB. */
    public static final long DEFAULT_RAM = 128L << 20;

    /**
     * Checks the components.
     *
     * @param type the machine type
     * @param ramSize main RAM in bytes
     * @param slots memory slots
     * @param maxMem the maxmem budget, or empty
     * @param cpu the guest CPU
     */
    public MachineSpec {
        Objects.requireNonNull(cpu, "cpu");
    }

    /**
     * A machine with QEMU's default CPU ({@link CpuSpec#defaults()}), as before {@code -cpu} was read.
     *
     * @param type the machine type, {@code pc}
     * @param ramSize main RAM in bytes
     * @param slots memory slots
     * @param maxMem the maxmem budget, or empty
     */
    public MachineSpec(String type, long ramSize, int slots, OptionalLong maxMem) {
        this(type, ramSize, slots, maxMem, CpuSpec.defaults());
    }

    /**
     * The same shape with another CPU.
     *
     * @param cpu the guest CPU
     * @return a new spec
     */
    public MachineSpec withCpu(CpuSpec cpu) {
        return new MachineSpec(type, ramSize, slots, maxMem, cpu);
    }

    /**
     * The shape of a machine started without {@code -m} or {@code -machine}.
     *
     * @return pc, 128 MiB, no slots, automatic device memory, qemu64 with 40 address bits
     */
    public static MachineSpec defaults() {
        return new MachineSpec("pc", DEFAULT_RAM, 0, OptionalLong.empty());
    }
}
