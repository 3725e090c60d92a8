package io.emuhost.api.machine;

/**
 * The guest CPU as far as a device host is concerned: what {@code -cpu} says, resolved. The
 * machine uses it for the guest physical address space (QEMU 7.2 hw/i386/pc.c
 * {@code pc_memory_init}: the address-space limit, and the AMD HyperTransport hole below 1 TiB);
 * the monitors report it.
 *
 * @param model QEMU's CPU model name ({@code qemu64}, {@code host}, {@code max}, {@code EPYC}, ...)
 * @param physBits the guest physical address width in bits, the effective {@code phys-bits}
 *     (32 to 52 for a 64-bit model; 32 or 36 for a 32-bit one)
 * @param hostPhysBits true when {@code physBits} is the host's ({@code host-phys-bits=on})
 * @param vendor the CPUID vendor string ({@code AuthenticAMD}, {@code GenuineIntel},
 *     {@code HygonGenuine}; empty for {@code base})
 * @param longMode true for a 64-bit model; a 32-bit one has no 64-bit PCI hole
 */
public record CpuSpec(String model, int physBits, boolean hostPhysBits, String vendor, boolean longMode) {

    /** QEMU's default CPU model of the pc machine. */
    public static final String DEFAULT_MODEL = "qemu64";
    /** QEMU's default width for a 64-bit model: {@code TCG_PHYS_ADDR_BITS}, target/i386/cpu.h. */
    public static final int DEFAULT_PHYS_BITS = 40;
    /** The vendor whose CPUs relocate RAM above the HyperTransport hole (QEMU's IS_AMD_CPU). */
    public static final String AMD = "AuthenticAMD";

    /**
     * The CPU of a machine started without {@code -cpu}: QEMU 7.2's {@code qemu64}.
     *
     * @return qemu64, 40 bits, AuthenticAMD, 64-bit
     */
    public static CpuSpec defaults() {
        return new CpuSpec(DEFAULT_MODEL, DEFAULT_PHYS_BITS, false, AMD, true);
    }

    /**
     * QEMU's QOM type name of the model, as {@code qom-get ... type} shows it.
     *
     * @return e.g. {@code qemu64-x86_64-cpu}
     */
    public String qomType() {
        return model + "-x86_64-cpu";
    }
}
