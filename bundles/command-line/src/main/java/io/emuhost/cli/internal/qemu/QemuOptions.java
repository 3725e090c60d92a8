package io.emuhost.cli.internal.qemu;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits QEMU 7.2's command line into options and their arguments, as softmmu/vl.c does: every
 * option either takes one argument or none (qemu-options.hx, {@code HAS_ARG}). Only the options
 * without an argument need listing; an option emuhost does not know is passed through with the
 * word after it as its argument unless that word is itself an option.
 */
final class QemuOptions {

    /** QEMU 7.2's x86 options without an argument (qemu-options.hx entries without HAS_ARG). */
    static final Set<String> FLAGS = Set.of("h", "help", "version", "S", "s", "snapshot", "nodefaults",
            "no-user-config", "nographic", "no-reboot", "no-shutdown", "enable-kvm", "no-acpi", "no-hpet",
            "full-screen", "no-quit", "daemonize", "preconfig", "only-migratable", "no-fd-bootchk", "win2k-hack",
            "singlestep", "curses", "portrait", "alt-grab", "ctrl-grab", "sdl", "enable-sync-profile", "xen-attach",
            "xen-domid-restrict", "no-frame", "semihosting", "usb", "enable-fips", "old-param");

    private QemuOptions() {
    }

    /**
     * Splits a command line.
     *
     * @param args QEMU's arguments, without the binary
     * @return the options in order
     */
    static List<QemuArg> split(List<String> args) {
        List<QemuArg> options = new ArrayList<>();
        int i = 0;
        while (i < args.size()) {
            String word = args.get(i++);
            String name = QemuModeArgs.name(word);
            if (name == null) {
                options.add(new QemuArg(word, null, null));
            } else if (FLAGS.contains(name) || i >= args.size()
                    || (QemuModeArgs.name(args.get(i)) != null && !takesArgument(name))) {
                options.add(new QemuArg(word, name, null));
            } else {
                options.add(new QemuArg(word, name, args.get(i++)));
            }
        }
        return options;
    }

    /** The options emuhost reads always take an argument, even one that starts with a dash. */
    private static boolean takesArgument(String name) {
        return Set.of("device", "object", "m", "machine", "M", "append", "kernel", "accel", "chardev").contains(name);
    }
}
