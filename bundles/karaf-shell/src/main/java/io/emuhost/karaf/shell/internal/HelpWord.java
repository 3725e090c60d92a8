package io.emuhost.karaf.shell.internal;

import io.emuhost.syntax.KeyvalParser;
import java.util.List;

/** QEMU's {@code help} and {@code ?} in place of a type: list what may be named there. */
final class HelpWord {

    private HelpWord() {
    }

    /**
     * Whether the word asks for help, as QEMU's {@code is_help_option}.
     *
     * @param word the word
     * @return true for {@code help} and {@code ?}
     */
    static boolean is(String word) {
        return KeyvalParser.isHelp(word);
    }

    /**
     * The listing.
     *
     * @param title e.g. {@code Object types}
     * @param names the names
     * @return the title line and one indented name a line
     */
    static String list(String title, List<String> names) {
        StringBuilder text = new StringBuilder(title).append(":\n");
        names.forEach(name -> text.append("  ").append(name).append('\n'));
        return text.toString().stripTrailing();
    }
}
