package io.emuhost.machine.internal.memory;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.CpuSpec;
import io.emuhost.api.machine.MachineSpec;

/**
 * Where QEMU 7.2's {@code pc} machine puts main RAM and the device-memory area
 * (hw/i386/pc_piix.c, hw/i386/pc.c).
 *
 * @param ramSize main RAM ({@code -m})
 * @param belowFourG RAM mapped at 0
 * @param aboveFourG RAM mapped at {@code aboveFourGStart}
 * @param aboveFourGStart 4 GiB, or 1 TiB when the AMD HyperTransport hole forces relocation
 * @param deviceMemoryBase first address of the device-memory area
 * @param deviceMemorySize size of the area; 0 when the machine has no device memory
 * @param deviceMemoryBudget how many bytes memory devices may use in total ({@code maxmem - ram})
 * @param automatic true when {@code maxmem} was not given and the area was reserved automatically
 */
public record PcMemoryLayout(long ramSize, long belowFourG, long aboveFourG, long aboveFourGStart,
        long deviceMemoryBase, long deviceMemorySize, long deviceMemoryBudget, boolean automatic) {

    /** 4 GiB. */
    public static final long FOUR_GIB = 1L << 32;
    /** 1 GiB: the alignment of the device-memory base and the per-slot slack. */
    public static final long GIB = 1L << 30;
    /**
     * The end of the automatically reserved device-memory area: half the 40-bit space of QEMU's
     * default CPU, or half the CPU's space when that is smaller.
     */
    public static final long AUTOMATIC_END = 1L << 39;

    /** RAM from this size on is split at {@link #LOW_MEMORY_GIGABYTE_ALIGNED} (pc_piix.c). */
    private static final long LOW_MEMORY_LIMIT = 0xe000_0000L;
    private static final long LOW_MEMORY_GIGABYTE_ALIGNED = 0xc000_0000L;
    /** AMD HyperTransport range start; used GPAs from here relocate RAM above 1 TiB. */
    private static final long AMD_HT_START = 0xfd_0000_0000L;
    private static final long AMD_ABOVE_1TB_START = 1L << 40;
    /** DEFAULT_PCI_HOLE64_SIZE of the i440FX host bridge in 7.2. */
    private static final long PCI_HOLE64_SIZE = 1L << 31;
    /** ACPI_MAX_RAM_SLOTS. */
    private static final int MAX_SLOTS = 256;

    /**
     * Computes the layout of a configuration.
     *
     * @param config the machine configuration
     * @return the layout
     * @throws ConfigurationException with QEMU's wording when the configuration cannot be laid out
     */
    public static PcMemoryLayout of(MachineSpec config) throws ConfigurationException {
        long ram = config.ramSize();
        if (config.slots() > MAX_SLOTS) {
            throw new ConfigurationException("unsupported amount of memory slots: " + config.slots());
        }
        long maxMem = config.maxMem().orElse(ram);
        if (Long.compareUnsigned(maxMem, ram) < 0) {
            throw new ConfigurationException(String.format("invalid value of maxmem: maximum memory size (0x%x) must"
                    + " be at least the initial memory size (0x%x)", maxMem, ram));
        }
        long lowMemory = ram >= LOW_MEMORY_LIMIT ? LOW_MEMORY_GIGABYTE_ALIGNED : LOW_MEMORY_LIMIT;
        long below = Math.min(ram, lowMemory);
        long above = ram - below;
        PcMemoryLayout layout = layout(config, below, above, FOUR_GIB);
        CpuSpec cpu = config.cpu();
        // pc.c pc_memory_init: an AMD CPU (IS_AMD_CPU) relocates RAM above 1 TiB if the used
        // range crosses the HyperTransport hole
        if (CpuSpec.AMD.equals(cpu.vendor()) && layout.maxUsedAddress() >= AMD_HT_START) {
            layout = layout(config, below, above, AMD_ABOVE_1TB_START);
        }
        // pc.c pc_memory_init: phys-bits must reach the highest used address; pc_max_used_gpa is
        // the CPU's own limit when it has 32 bits (no 64-bit PCI hole)
        int physBits = cpu.physBits();
        long maxPhysAddress = (1L << physBits) - 1;
        long maxUsed = physBits <= 32 ? maxPhysAddress : layout.maxUsedAddress();
        if (Long.compareUnsigned(maxUsed, maxPhysAddress) > 0) {
            throw new ConfigurationException(String.format("Address space limit 0x%x < 0x%x phys-bits too low (%d)",
                    maxPhysAddress, maxUsed, physBits));
        }
        return layout;
    }

    private static PcMemoryLayout layout(MachineSpec config, long below, long above, long aboveStart)
            throws ConfigurationException {
        long ram = config.ramSize();
        long base = alignUp(aboveStart + above, GIB);
        if (config.maxMem().isEmpty()) {
            long end = Math.min(AUTOMATIC_END, 1L << (config.cpu().physBits() - 1));
            long size = Math.max(0, end - base);
            return new PcMemoryLayout(ram, below, above, aboveStart, base, size, size, true);
        }
        long budget = config.maxMem().getAsLong() - ram;
        if (budget == 0) {
            return new PcMemoryLayout(ram, below, above, aboveStart, base, 0, 0, false);
        }
        // pc.c: enforce_aligned_dimm adds 1 GiB of slack per slot
        long size = budget + GIB * config.slots();
        if (base + size < size || base + size < 0) {
            throw new ConfigurationException(String.format("unsupported amount of maximum memory: 0x%x",
                    config.maxMem().getAsLong()));
        }
        return new PcMemoryLayout(ram, below, above, aboveStart, base, size, budget, false);
    }

    /**
     * The start of the 64-bit PCI window (pc_pci_hole64_start): above the device-memory area.
     *
     * @return the address, 1 GiB aligned
     */
    public long pciHole64Start() {
        long start = deviceMemorySize > 0 ? deviceMemoryBase + deviceMemorySize : aboveFourGStart + aboveFourG;
        return alignUp(start, GIB);
    }

    /**
     * The highest guest physical address the machine may use (pc_max_used_gpa).
     *
     * @return the address
     */
    public long maxUsedAddress() {
        return pciHole64Start() + PCI_HOLE64_SIZE - 1;
    }

    /**
     * Rounds up to a power-of-two alignment.
     *
     * @param value the value
     * @param align the alignment
     * @return the rounded value (0 on overflow past 2^64)
     */
    public static long alignUp(long value, long align) {
        return (value + align - 1) & -align;
    }
}
