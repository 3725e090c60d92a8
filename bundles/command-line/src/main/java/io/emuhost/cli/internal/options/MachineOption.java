package io.emuhost.cli.internal.options;

import io.emuhost.syntax.KeyvalOptions;
import io.emuhost.syntax.KeyvalSyntax;
import java.util.Set;

/**
 * The {@code -machine [type=]NAME[,accel=...]} option. The one machine type is {@code pc};
 * QEMU's versioned names {@code pc-i440fx-*} select it too. {@code accel} is accepted and has no
 * effect: there is no CPU to accelerate.
 */
public final class MachineOption {

    /** The machine type. */
    public static final String PC = "pc";

    /** One line per machine, as {@code -machine help} prints it. */
    static final String DESCRIPTION = "Standard PC (i440FX + PIIX, 1996)";

    private static final String VERSIONED_PREFIX = "pc-i440fx-";
    private static final Set<String> KEYS = Set.of("type", "accel");

    private MachineOption() {
    }

    /**
     * Checks the keys of one {@code -machine} option.
     *
     * @param options the option string split with {@link KeyvalSyntax#KEYVAL}, implied key
     *     {@code type}
     * @param location the option as written
     * @throws CommandLineException {@code Invalid parameter 'KEY'} for keys other than
     *     {@code type} and {@code accel}
     */
    public static void checkKeys(KeyvalOptions options, String location) throws CommandLineException {
        for (String key : options.values().keySet()) {
            if (!KEYS.contains(key)) {
                throw new CommandLineException(location, "Invalid parameter '" + key + "'");
            }
        }
    }

    /**
     * The machine type a name selects.
     *
     * @param name the name given with {@code type=}
     * @return {@link #PC}
     * @throws CommandLineException {@code unsupported machine type} (QEMU's select_machine)
     */
    public static String resolve(String name) throws CommandLineException {
        if (PC.equals(name) || name.startsWith(VERSIONED_PREFIX)) {
            return PC;
        }
        throw new CommandLineException(null, "unsupported machine type",
                "Use -machine help to list supported machines");
    }
}
