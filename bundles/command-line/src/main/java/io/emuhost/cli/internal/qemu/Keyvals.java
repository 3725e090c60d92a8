package io.emuhost.cli.internal.qemu;

import io.emuhost.cli.internal.options.CommandLineException;
import io.emuhost.syntax.KeyvalException;
import io.emuhost.syntax.KeyvalOptions;
import io.emuhost.syntax.KeyvalParser;
import io.emuhost.syntax.KeyvalSyntax;
import io.emuhost.syntax.QemuBool;
import java.util.Map;

/** QEMU option strings (QemuOpts) in and out, through io.emuhost.syntax's parser. */
final class Keyvals {

    private Keyvals() {
    }

    /**
     * Splits an option's argument.
     *
     * @param option the option
     * @param impliedKey the key of a first element without {@code =}
     * @return the keys and values
     * @throws CommandLineException QEMU's parse error, located at the option
     */
    static KeyvalOptions split(QemuArg option, String impliedKey) throws CommandLineException {
        try {
            return KeyvalParser.parse(option.argument(), impliedKey, KeyvalSyntax.QEMU_OPTS);
        } catch (KeyvalException e) {
            throw new CommandLineException(option.location(), e.getMessage());
        }
    }

    /**
     * Whether a boolean property is on, QEMU's way ({@code on}, {@code yes}, {@code true}, ...).
     *
     * @param options the options
     * @param key the property
     * @return true if given and on
     */
    static boolean isOn(KeyvalOptions options, String key) {
        return options.get(key).flatMap(QemuBool::parse).orElse(false);
    }

    /**
     * Writes an option string back: {@code first,key=value,...}, commas in values doubled.
     *
     * @param first the implied first element (driver, type)
     * @param properties the rest
     * @return the string
     */
    static String render(String first, Map<String, String> properties) {
        StringBuilder out = new StringBuilder(first.replace(",", ",,"));
        properties.forEach((key, value) -> out.append(',').append(key).append('=').append(value.replace(",", ",,")));
        return out.toString();
    }
}
