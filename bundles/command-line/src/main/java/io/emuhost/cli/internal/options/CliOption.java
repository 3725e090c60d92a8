package io.emuhost.cli.internal.options;

import java.util.Arrays;
import java.util.Optional;

/** The command-line options emuhost knows, by QEMU name ({@code -name}, also {@code --name}). */
enum CliOption {
    MEMORY("m", true),
    MACHINE("machine", true),
    MACHINE_SHORT("M", true),
    CPU("cpu", true),
    OBJECT("object", true),
    DEVICE("device", true),
    MONITOR("monitor", true),
    QMP("qmp", true),
    QMP_PRETTY("qmp-pretty", true),
    MON("mon", true),
    CHARDEV("chardev", true),
    QTEST("qtest", true),
    QTEST_LOG("qtest-log", true),
    DISPLAY("display", true),
    NAME("name", true),
    SERIAL("serial", true),
    ACCEL("accel", true),
    NODEFAULTS("nodefaults", false),
    NOGRAPHIC("nographic", false),
    FREEZE("S", false),
    ENABLE_KVM("enable-kvm", false),
    VERSION("version", false),
    HELP("h", false),
    HELP_LONG("help", false);

    private final String qemuName;
    private final boolean hasArgument;

    CliOption(String qemuName, boolean hasArgument) {
        this.qemuName = qemuName;
        this.hasArgument = hasArgument;
    }

    boolean hasArgument() {
        return hasArgument;
    }

    /** QEMU's lookup_opt: {@code -name} or {@code --name}. */
    static Optional<CliOption> lookup(String word) {
        if (!word.startsWith("-")) {
            return Optional.empty();
        }
        String name = word.startsWith("--") ? word.substring(2) : word.substring(1);
        return Arrays.stream(values()).filter(o -> o.qemuName.equals(name)).findFirst();
    }
}
