package io.emuhost.cli.internal.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the host's CPU says about itself in {@code /proc/cpuinfo}: its physical address width
 * ({@code address sizes : 48 bits physical, 57 bits virtual}, the kernel's view of CPUID
 * 0x80000008, which QEMU's {@code host_cpu_phys_bits} reads) and its vendor ({@code vendor_id}).
 * Either is empty when the file cannot be read or lacks the line (a non-x86 host).
 *
 * @param physBits the host's physical address bits
 * @param vendor the host's CPUID vendor string
 * @param source where this came from, for diagnostics
 */
public record HostCpu(OptionalInt physBits, Optional<String> vendor, String source) {

    /** Where Linux describes the host's CPUs. */
    public static final Path CPUINFO = Path.of("/proc/cpuinfo");

    private static final Pattern ADDRESS_SIZES = Pattern.compile("address sizes\\s*:\\s*(\\d+) bits physical");
    private static final Pattern VENDOR = Pattern.compile("vendor_id\\s*:\\s*(\\S+)");

    /**
     * Reads a cpuinfo file; a file that cannot be read gives empty values.
     *
     * @param cpuinfo the file, normally {@link #CPUINFO}
     * @return what it says about the first CPU
     */
    public static HostCpu read(Path cpuinfo) {
        try {
            return parse(Files.readAllLines(cpuinfo), cpuinfo.toString());
        } catch (IOException | RuntimeException e) {
            return new HostCpu(OptionalInt.empty(), Optional.empty(), cpuinfo + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Reads the lines of a cpuinfo file.
     *
     * @param lines the file's lines
     * @param source where they came from
     * @return the first {@code address sizes} and {@code vendor_id} values
     */
    public static HostCpu parse(List<String> lines, String source) {
        OptionalInt bits = OptionalInt.empty();
        Optional<String> vendor = Optional.empty();
        for (String line : lines) {
            Matcher sizes = ADDRESS_SIZES.matcher(line);
            if (bits.isEmpty() && sizes.lookingAt()) {
                bits = OptionalInt.of(Integer.parseInt(sizes.group(1)));
            }
            Matcher id = VENDOR.matcher(line);
            if (vendor.isEmpty() && id.lookingAt()) {
                vendor = Optional.of(id.group(1));
            }
            if (bits.isPresent() && vendor.isPresent()) {
                break;
            }
        }
        return new HostCpu(bits, vendor, source);
    }
}
