package io.emuhost.cli.internal.options;

import io.emuhost.api.machine.CpuSpec;
import io.emuhost.syntax.MalformedNumberException;
import io.emuhost.syntax.QemuBool;
import io.emuhost.syntax.QemuNumbers;
import io.emuhost.syntax.report.ErrorReport;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code -cpu MODEL[,PROP=VALUE|+FEAT|-FEAT]...} option, resolved as QEMU 7.2 does for x86:
 * the model first (cpu.c {@code parse_cpu_option}), the properties as globals of the model's type
 * (target/i386/cpu.c {@code x86_cpu_parse_featurestr}, applied when the CPU is created), the
 * address width when it is realized ({@code x86_cpu_realizefn}). Every property QEMU's CPU has is
 * accepted with its type checked; {@code phys-bits}, {@code host-phys-bits},
 * {@code host-phys-bits-limit} and {@code vendor} take effect, the CPUID flags have none on a
 * device host. {@code host} is this host's CPU (QEMU: with KVM or HVF), and
 * {@code host-phys-bits=on} takes the host's width from {@code /proc/cpuinfo} as QEMU does from
 * CPUID under KVM.
 *
 * @param location the option as written, for warnings
 * @param argument the option's argument
 */
public record CpuOption(String location, String argument) {

    /** No {@code -cpu}: QEMU's default model of the pc machine. */
    public static final CpuOption DEFAULT = new CpuOption("-cpu " + CpuSpec.DEFAULT_MODEL, CpuSpec.DEFAULT_MODEL);

    /** target/i386/cpu-param.h {@code TARGET_PHYS_ADDR_SPACE_BITS} for x86_64. */
    static final int MAX_PHYS_BITS = 52;
    static final int MIN_PHYS_BITS = 32;

    private static final Map<String, Long> UNSIGNED_MAX = Map.of("uint8", 0xffL, "uint16", 0xffffL,
            "uint32", 0xffff_ffffL, "uint64", -1L);

    /**
     * Resolves the option into the CPU the machine is built with; QEMU reports these errors
     * without a location.
     *
     * @param models QEMU's models and CPU properties
     * @param host the host's CPU, read only when {@code host} or {@code host-phys-bits=on} asks
     * @param diagnostics where a fallback warning goes
     * @return the CPU
     * @throws CommandLineException with QEMU's wording
     */
    public CpuSpec resolve(CpuModels models, Supplier<HostCpu> host, PrintStream diagnostics)
            throws CommandLineException {
        if (argument.isEmpty()) {
            throw new CommandLineException(null, "-cpu option cannot be empty");
        }
        String[] pieces = argument.split(",", 2);
        String name = pieces[0];
        CpuModels.Model model = CpuModels.HOST.equals(name)
                ? new CpuModels.Model(name, host.get().vendor().orElse(""), CpuSpec.DEFAULT_PHYS_BITS, true)
                : models.model(name).orElseThrow(() -> new CommandLineException(null,
                        "unable to find CPU model '" + name + "'"));
        String typeName = name + "-x86_64-cpu";
        Settings settings = new Settings(model.vendor(), CpuModels.HOST.equals(name));
        List<String[]> plusMinus = new ArrayList<>();
        for (String feature : pieces.length > 1 ? pieces[1].split(",") : new String[0]) {
            if (feature.isEmpty()) {
                continue; // strtok skips empty features
            }
            if (feature.charAt(0) == '+' || feature.charAt(0) == '-') {
                plusMinus.add(new String[] {feat2prop(feature.substring(1)), feature.charAt(0) == '+' ? "on" : "off"});
                continue;
            }
            int eq = feature.indexOf('=');
            String property = feat2prop(eq < 0 ? feature : feature.substring(0, eq));
            String value = eq < 0 ? "on" : feature.substring(eq + 1);
            // qdev object_apply_global_props: "can't apply global TYPE.PROP=VALUE: ..."
            settings.apply(models, typeName, property, value,
                    "can't apply global " + typeName + "." + property + "=" + value + ": ");
        }
        for (String[] flag : plusMinus) {
            // x86_cpu_expand_features sets +FEAT / -FEAT after the globals, without the prefix
            settings.apply(models, typeName, flag[0], flag[1], "");
        }
        return realize(model, settings, host, diagnostics);
    }

    private CpuSpec realize(CpuModels.Model model, Settings s, Supplier<HostCpu> host, PrintStream diagnostics)
            throws CommandLineException {
        if (!model.longMode()) {
            // x86_cpu_realizefn: 32-bit CPUs keep the width they tell the guest (32, or 36 with PAE/PSE36)
            if (s.physBits != 0) {
                throw new CommandLineException(null, "phys-bits is not user-configurable in 32 bit");
            }
            return new CpuSpec(model.name(), model.physBits(), false, s.vendor, false);
        }
        long bits = s.physBits;
        boolean fromHost = false;
        if (s.hostPhysBits) {
            HostCpu cpu = host.get();
            if (cpu.physBits().isPresent()) {
                // host_cpu_adjust_phys_bits: the host's width, capped by host-phys-bits-limit
                bits = cpu.physBits().getAsInt();
                if (s.hostPhysBitsLimit != 0 && bits > s.hostPhysBitsLimit) {
                    bits = s.hostPhysBitsLimit;
                }
                fromHost = true;
            } else {
                long fallback = bits == 0 ? model.physBits() : bits;
                ErrorReport.warning(diagnostics, location, "host-phys-bits=on: no 'address sizes' line in "
                        + cpu.source() + "; using phys-bits " + Long.toUnsignedString(fallback));
            }
        }
        if (bits != 0 && (Long.compareUnsigned(bits, MAX_PHYS_BITS) > 0 || bits < MIN_PHYS_BITS)) {
            // x86_cpu_realizefn (the two spaces are QEMU's)
            throw new CommandLineException(null, "phys-bits should be between " + MIN_PHYS_BITS + " and "
                    + MAX_PHYS_BITS + "  (but is " + Long.toUnsignedString(bits) + ")");
        }
        int width = bits == 0 ? model.physBits() : (int) bits;
        return new CpuSpec(model.name(), width, fromHost, s.vendor, true);
    }

    /** cpu.c {@code feat2prop}: feature names use '-' where CPUID flag names have '_'. */
    private static String feat2prop(String name) {
        return name.replace('_', '-');
    }

    /** The properties that take effect, as the CPU object holds them before it is realized. */
    private static final class Settings {
        private long physBits;
        private boolean hostPhysBits;
        private long hostPhysBitsLimit;
        private String vendor;

        Settings(String vendor, boolean hostPhysBits) {
            this.vendor = vendor;
            this.hostPhysBits = hostPhysBits; // host_cpu_max_instance_init: host and (under KVM) max
        }

        void apply(CpuModels models, String typeName, String property, String value, String prefix)
                throws CommandLineException {
            Optional<String> type = models.propertyType(property);
            if (type.isEmpty()) {
                throw new CommandLineException(null, prefix + "Property '" + typeName + "." + property + "' not found");
            }
            switch (type.get()) {
                case "bool" -> {
                    boolean on = QemuBool.parse(value).orElseThrow(() -> new CommandLineException(null,
                            prefix + "Parameter '" + property + "' expects 'on' or 'off'"));
                    if ("host-phys-bits".equals(property)) {
                        hostPhysBits = on;
                    }
                }
                case "uint8", "uint16", "uint32", "uint64" -> {
                    long number = unsigned(property, value, type.get(), prefix);
                    if ("phys-bits".equals(property)) {
                        physBits = number;
                    } else if ("host-phys-bits-limit".equals(property)) {
                        hostPhysBitsLimit = number;
                    }
                }
                case "string" -> {
                    if ("vendor".equals(property)) {
                        // x86_cpuid_set_vendor: exactly CPUID_VENDOR_SZ (12) characters
                        if (value.length() != 12) {
                            throw new CommandLineException(null,
                                    prefix + "Property '.vendor' doesn't take value '" + value + "'");
                        }
                        vendor = value;
                    }
                }
                default -> {
                    // model-id, family, level, ...: accepted, no effect on a device host
                }
            }
        }

        /** The string input visitor: qemu_strtou64 base 0, then the type's range. */
        private static long unsigned(String property, String value, String type, String prefix)
                throws CommandLineException {
            long number;
            try {
                number = QemuNumbers.strtou64(value, 0);
            } catch (MalformedNumberException e) {
                throw new CommandLineException(null, prefix + "Parameter '" + property + "' expects uint64");
            }
            if (Long.compareUnsigned(number, UNSIGNED_MAX.get(type)) > 0) {
                throw new CommandLineException(null, prefix + "Parameter '" + property + "' expects " + type + "_t");
            }
            return number;
        }
    }
}
