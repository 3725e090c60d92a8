package io.emuhost.cli.internal.qemu;

import io.emuhost.cli.internal.options.CommandLineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code emuhost [EMUHOST-OPTIONS] --qemu QEMU-BINARY [QEMU-OPTIONS]}: everything before
 * {@code --qemu} is emuhost's (its own monitors, so that they never mix with QEMU's
 * {@code -qmp}/{@code -monitor}), everything after it is an ordinary QEMU command line.
 *
 * @param emuhostArgs emuhost's monitor options ({@code -qmp}, {@code -qmp-pretty}, {@code -monitor},
 *     {@code -mon}, {@code -chardev}, {@code -name}), as written
 * @param interrupts {@code -tcg-intx}: how interrupts reach a TCG guest
 * @param binary the QEMU binary as written (a path, or a name looked up on PATH)
 * @param qemuArgs QEMU's options, as written
 */
record QemuModeArgs(List<String> emuhostArgs, TcgInterrupts interrupts, String binary, List<String> qemuArgs) {

    /** The option that starts QEMU's part. */
    static final String QEMU = "qemu";

    /** emuhost's option choosing the TCG interrupt path. */
    static final String TCG_INTX = "tcg-intx";

    /** emuhost's options that make sense beside QEMU: its own monitors. All take an argument. */
    private static final Set<String> EMUHOST_OPTIONS = Set.of("qmp", "qmp-pretty", "monitor", "mon", "chardev", "name");

    /** emuhost options that belong to QEMU in this mode (QEMU's guest has them). */
    private static final Set<String> QEMU_SIDE = Set.of("m", "machine", "M", "object", "device", "qtest", "qtest-log",
            "display", "serial", "accel", "nodefaults", "nographic", "S", "enable-kvm");

    QemuModeArgs {
        emuhostArgs = List.copyOf(emuhostArgs);
        qemuArgs = List.copyOf(qemuArgs);
    }

    /**
     * Whether a command line asks for QEMU mode.
     *
     * @param args the command line
     * @return true if it has {@code --qemu} (or {@code -qemu})
     */
    static boolean requested(List<String> args) {
        return args.stream().anyMatch(word -> QEMU.equals(name(word)));
    }

    /**
     * Splits a command line.
     *
     * @param args the command line, which has {@code --qemu}
     * @return its parts
     * @throws CommandLineException for an option emuhost does not take here, in QEMU's wording
     *     where QEMU has one
     */
    static QemuModeArgs parse(List<String> args) throws CommandLineException {
        List<String> emuhost = new ArrayList<>();
        TcgInterrupts interrupts = TcgInterrupts.IRQPOLL;
        int i = 0;
        while (i < args.size()) {
            String word = args.get(i++);
            String name = name(word);
            if (QEMU.equals(name)) {
                if (i >= args.size()) {
                    throw new CommandLineException(word, "requires an argument");
                }
                return new QemuModeArgs(emuhost, interrupts, args.get(i), args.subList(i + 1, args.size()));
            }
            if (name == null || !(EMUHOST_OPTIONS.contains(name) || TCG_INTX.equals(name))) {
                if (name != null && QEMU_SIDE.contains(name)) {
                    throw new CommandLineException(word, "not an emuhost option with --qemu: QEMU's options go after"
                            + " --qemu QEMU-BINARY, emuhost's own monitors before it");
                }
                throw new CommandLineException(word, "invalid option");
            }
            if (i >= args.size()) {
                throw new CommandLineException(word, "requires an argument");
            }
            String argument = args.get(i++);
            if (TCG_INTX.equals(name)) {
                interrupts = TcgInterrupts.of(argument).orElseThrow(() -> new CommandLineException(
                        word + " " + argument, "Parameter '" + TCG_INTX + "' does not accept value '" + argument
                                + "' (doorbell or irqpoll)"));
            } else {
                if (argument.equals("stdio") || argument.startsWith("stdio,")) {
                    throw new CommandLineException(word + " " + argument, "the terminal is QEMU's with --qemu: give"
                            + " emuhost's monitor a socket (unix:PATH,server=on,wait=off)");
                }
                emuhost.add(word);
                emuhost.add(argument);
            }
        }
        throw new CommandLineException("--" + QEMU, "requires an argument");
    }

    /** QEMU's lookup_opt: {@code -name} or {@code --name}; null for a word that is no option. */
    static String name(String word) {
        if (word.length() < 2 || word.charAt(0) != '-') {
            return null;
        }
        return word.startsWith("--") ? word.substring(2) : word.substring(1);
    }
}
