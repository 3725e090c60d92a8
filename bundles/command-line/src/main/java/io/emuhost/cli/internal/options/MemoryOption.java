package io.emuhost.cli.internal.options;

import io.emuhost.api.machine.MachineSpec;
import io.emuhost.syntax.KeyvalOptions;
import io.emuhost.syntax.KeyvalSyntax;
import io.emuhost.syntax.SizeParser;
import io.emuhost.syntax.SizeSyntaxException;
import java.math.BigInteger;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The {@code -m [size=]SIZE[,slots=N][,maxmem=SIZE]} option, checked as QEMU 7.2 checks it:
 * the syntax when the option is read (softmmu/vl.c {@code parse_memory_options}), the values when
 * the machine is configured (hw/core/machine.c {@code machine_set_mem}, hw/i386/pc.c
 * {@code pc_memory_init}). Several {@code -m} options merge, later keys winning.
 *
 * @param ramSize main RAM in bytes, rounded up to 8 KiB; empty for the default
 * @param slots memory slots, if given
 * @param maxMem the maxmem budget, if given
 */
public record MemoryOption(OptionalLong ramSize, OptionalLong slots, OptionalLong maxMem) {

    /** No {@code -m} option. */
    public static final MemoryOption DEFAULT = new MemoryOption(OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty());

    /** pc: {@code ACPI_MAX_RAM_SLOTS}. */
    static final long MAX_SLOTS = 256;

    private static final Set<String> KEYS = Set.of("size", "slots", "maxmem");
    private static final long RAM_ALIGN = 8192;
    private static final long PAGE_SIZE = 4096;
    private static final String SIZE_HINT_1 = "Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-";
    private static final String SIZE_HINT_2 = "and exabytes, respectively.";

    /**
     * Parses one {@code -m} option; the values are checked by {@link #toConfig}.
     *
     * @param options the option string split with {@link KeyvalSyntax#QEMU_OPTS}, implied key
     *     {@code size}
     * @param location the option as written, for error messages
     * @return the values given
     * @throws CommandLineException with QEMU's wording if the syntax is wrong
     */
    public static MemoryOption parse(KeyvalOptions options, String location) throws CommandLineException {
        for (String key : options.values().keySet()) {
            if (!KEYS.contains(key)) {
                throw new CommandLineException(location, "Invalid parameter '" + key + "'");
            }
        }
        OptionalLong ram = options.get("size").isPresent()
                ? ramSize(options.get("size").get(), location) : OptionalLong.empty();
        OptionalLong slots = options.get("slots").isPresent()
                ? OptionalLong.of(number(options.get("slots").get(), location)) : OptionalLong.empty();
        OptionalLong maxMem = options.get("maxmem").isPresent()
                ? OptionalLong.of(size("maxmem", options.get("maxmem").get(), location)) : OptionalLong.empty();
        return new MemoryOption(ram, slots, maxMem);
    }

    /**
     * Merges a later {@code -m} option into this one.
     *
     * @param later the later option
     * @return the values of both, the later one's winning
     */
    public MemoryOption merge(MemoryOption later) {
        return new MemoryOption(later.ramSize.isPresent() ? later.ramSize : ramSize,
                later.slots.isPresent() ? later.slots : slots, later.maxMem.isPresent() ? later.maxMem : maxMem);
    }

    /**
     * Checks the values and builds the machine configuration.
     *
     * @param machineType the machine type
     * @return the configuration
     * @throws CommandLineException with QEMU's wording (reported without a location)
     */
    public MachineSpec toConfig(String machineType) throws CommandLineException {
        long ram = ramSize.orElse(MachineSpec.DEFAULT_RAM);
        checked(ram, slots, maxMem);
        return new MachineSpec(machineType, ram, (int) slots.orElse(0), maxMem);
    }

    /** machine_set_mem, then the pc checks; QEMU reports these without a location. */
    private static void checked(long ram, OptionalLong slots, OptionalLong maxMem) throws CommandLineException {
        if (maxMem.isPresent()) {
            long max = maxMem.getAsLong();
            if (max < ram) {
                throw new CommandLineException(null, "invalid value of maxmem: maximum memory size (0x"
                        + Long.toHexString(max) + ") must be at least the initial memory size (0x"
                        + Long.toHexString(ram) + ")");
            }
            if (slots.orElse(0) != 0 && max == ram) {
                throw new CommandLineException(null, "invalid value of maxmem: memory slots were specified but "
                        + "maximum memory size (0x" + Long.toHexString(max)
                        + ") is equal to the initial memory size (0x" + Long.toHexString(ram) + ")");
            }
            if (max % PAGE_SIZE != 0) {
                throw new CommandLineException(null,
                        "maximum memory size must by aligned to multiple of " + PAGE_SIZE + " bytes");
            }
        } else if (slots.isPresent()) {
            throw new CommandLineException(null, "slots specified but no max-size");
        }
        if (Long.compareUnsigned(slots.orElse(0), MAX_SLOTS) > 0) {
            throw new CommandLineException(null,
                    "unsupported amount of memory slots: " + Long.toUnsignedString(slots.getAsLong()));
        }
    }

    /** A suffix-less size means MiB (the legacy -m format); 0 means the default. */
    private static OptionalLong ramSize(String text, String location) throws CommandLineException {
        long bytes = size("size", text, location);
        if (bytes == 0) {
            return OptionalLong.empty();
        }
        if (Character.isDigit(text.charAt(text.length() - 1))) {
            try {
                bytes = SizeParser.parse(text + "M");
            } catch (SizeSyntaxException e) {
                throw new CommandLineException(null, "ram size too large");
            }
        }
        if (bytes > Long.MAX_VALUE - RAM_ALIGN) {
            throw new CommandLineException(null, "ram size too large");
        }
        return OptionalLong.of((bytes + RAM_ALIGN - 1) / RAM_ALIGN * RAM_ALIGN);
    }

    /** QemuOpts {@code parse_option_size}. */
    private static long size(String name, String text, String location) throws CommandLineException {
        try {
            return SizeParser.parse(text);
        } catch (SizeSyntaxException e) {
            if (e.outOfRange()) {
                throw new CommandLineException(location,
                        "Value '" + text + "' is out of range for parameter '" + name + "'");
            }
            throw new CommandLineException(location,
                    "Parameter '" + name + "' expects a non-negative number below 2^64", SIZE_HINT_1, SIZE_HINT_2);
        }
    }

    /** QemuOpts {@code parse_option_number}: strtoull with base 0 (decimal, 0x hex, 0 octal). */
    private static long number(String text, String location) throws CommandLineException {
        boolean hex = text.startsWith("0x") || text.startsWith("0X");
        int radix = hex ? 16 : text.length() > 1 && text.startsWith("0") ? 8 : 10;
        String digits = hex ? text.substring(2) : text;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c < 0x80 && Character.digit(c, radix) >= 0)) {
            throw new CommandLineException(location, "Parameter 'slots' expects a number");
        }
        BigInteger value = new BigInteger(digits, radix);
        if (value.bitLength() > Long.SIZE) {
            throw new CommandLineException(location, "Value '" + text + "' is too large for parameter 'slots'");
        }
        return value.longValue();
    }
}
