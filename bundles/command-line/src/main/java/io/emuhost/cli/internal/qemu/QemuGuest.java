package io.emuhost.cli.internal.qemu;

import io.emuhost.cli.internal.options.CommandLineException;
import io.emuhost.cli.internal.options.MemoryOption;
import io.emuhost.syntax.KeyvalOptions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The facts of a QEMU command line the plan depends on: the objects by id, {@code -m}, the
 * machine type and RAM backend, the accelerator, {@code -kernel}. Later options win, as in QEMU.
 *
 * @param options the whole command line, split
 * @param objects the {@code -object}s by id
 * @param memory {@code -m}, merged
 * @param q35 whether the machine is q35 (else pc)
 * @param ramBackend {@code -machine memory-backend=}, if given (checked to be shareable)
 * @param kvm whether QEMU runs KVM rather than TCG (QEMU 7.2's default for qemu-system-x86_64 is TCG)
 * @param kernel whether {@code -kernel} is given
 */
record QemuGuest(List<QemuArg> options, Map<String, QemuArg> objects, MemoryOption memory, boolean q35,
        Optional<String> ramBackend, boolean kvm, boolean kernel) {

    QemuGuest {
        options = List.copyOf(options);
        objects = Map.copyOf(objects);
    }

    static QemuGuest read(List<QemuArg> options) throws CommandLineException {
        Map<String, QemuArg> objects = new HashMap<>();
        MemoryOption memory = MemoryOption.DEFAULT;
        String type = "pc";
        String ramBackend = null;
        QemuArg ramBackendOption = null;
        Boolean kvm = null;
        boolean kernel = false;
        for (QemuArg option : options) {
            if (option.name() == null) {
                continue;
            }
            if (option.argument() == null) {
                if (option.name().equals("enable-kvm")) {
                    kvm = true;
                }
                continue;
            }
            switch (option.name()) {
                case "object" -> Keyvals.split(option, "qom-type").get("id").ifPresent(id -> objects.put(id, option));
                case "m" -> memory = memory.merge(MemoryOption.parse(Keyvals.split(option, "size"), option.location()));
                case "machine", "M" -> {
                    KeyvalOptions values = Keyvals.split(option, "type");
                    type = values.get("type").orElse(type);
                    if (values.get("memory-backend").isPresent()) {
                        ramBackend = values.get("memory-backend").get();
                        ramBackendOption = option;
                    }
                    if (values.get("accel").isPresent() && kvm == null) {
                        kvm = values.get("accel").get().startsWith("kvm");
                    }
                }
                case "accel" -> {
                    if (kvm == null) {
                        kvm = Keyvals.split(option, "accel").get("accel").orElse("").equals("kvm");
                    }
                }
                case "kernel" -> kernel = true;
                default -> {
                }
            }
        }
        if (ramBackend != null && objects.containsKey(ramBackend)) {
            checkShareable(ramBackendOption, objects.get(ramBackend), ramBackend);
        }
        boolean q35 = type.equals("q35") || type.startsWith("pc-q35");
        return new QemuGuest(options, objects, memory, q35, Optional.ofNullable(ramBackend), kvm != null && kvm, kernel);
    }

    /** emuhost maps QEMU's guest RAM from the fds of SYNC_SYSMEM: only shared fd-backed RAM has them. */
    private static void checkShareable(QemuArg machine, QemuArg object, String id) throws CommandLineException {
        KeyvalOptions values = Keyvals.split(object, "qom-type");
        String type = values.get("qom-type").orElse("");
        boolean fd = type.equals("memory-backend-memfd") || type.equals("memory-backend-file");
        if (!fd || !Keyvals.isOn(values, "share")) {
            throw new CommandLineException(machine.location(), "emuhost maps the guest's RAM from QEMU's file"
                    + " descriptor: memory-backend '" + id + "' must be a memory-backend-memfd or memory-backend-file"
                    + " with share=on");
        }
    }

    /** QEMU's {@code -m} size, or its default. */
    long ramSize() {
        return memory.ramSize().orElse(QemuPlanner.QEMU_DEFAULT_RAM);
    }

    Optional<QemuArg> object(String id) {
        return Optional.ofNullable(objects.get(id));
    }

    Optional<QemuArg> last(String name) {
        QemuArg last = null;
        for (QemuArg option : options) {
            if (name.equals(option.name()) && option.argument() != null) {
                last = option;
            }
        }
        return Optional.ofNullable(last);
    }
}
