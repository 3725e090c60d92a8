package io.emuhost.syntax;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits QEMU option strings ({@code memory-backend-file,id=mem1,share,size=4G}) into keys and
 * values, as QEMU 7.2's QemuOpts ({@code util/qemu-option.c}) and keyval ({@code util/keyval.c})
 * parsers do. Values stay strings: typing them is the machine's job.
 */
public final class KeyvalParser {

    private KeyvalParser() {
    }

    /**
     * Splits an option string.
     *
     * @param text the option string
     * @param impliedKey the key of a first element written without {@code =} (e.g.
     *     {@code qom-type}, {@code driver}), or null if there is none
     * @param syntax the dialect
     * @return the keys and values
     * @throws KeyvalException with QEMU's wording if the string does not split
     */
    public static KeyvalOptions parse(String text, String impliedKey, KeyvalSyntax syntax) throws KeyvalException {
        Map<String, String> values = new LinkedHashMap<>();
        List<ShortFormBoolean> shortForms = new ArrayList<>();
        boolean help = false;
        String implied = impliedKey;
        int pos = 0;
        while (pos < text.length()) {
            int nameEnd = nameEnd(text, pos);
            String name = text.substring(pos, nameEnd);
            boolean hasValue = nameEnd < text.length() && text.charAt(nameEnd) == '=';
            if (hasValue) {
                checkName(name, syntax);
                StringBuilder value = new StringBuilder();
                pos = readValue(text, nameEnd + 1, value);
                values.put(name, value.toString());
            } else if (syntax == KeyvalSyntax.KEYVAL && isHelp(name)) {
                help = true;
                pos = skipSeparator(text, nameEnd);
            } else if (implied != null) {
                StringBuilder value = new StringBuilder();
                pos = syntax == KeyvalSyntax.KEYVAL
                        ? skipSeparator(text, nameEnd) : readValue(text, pos, value);
                values.put(implied, syntax == KeyvalSyntax.KEYVAL ? name : value.toString());
            } else if (syntax == KeyvalSyntax.KEYVAL) {
                checkName(name, syntax);
                throw new KeyvalException("Expected '=' after parameter '" + name + "'");
            } else if (isHelp(name)) {
                help = true;
                pos = skipSeparator(text, nameEnd);
            } else {
                checkName(name, syntax);
                ShortFormBoolean flag = shortForm(name);
                shortForms.add(flag);
                values.put(flag.key(), flag.value());
                pos = skipSeparator(text, nameEnd);
            }
            implied = null;
        }
        return new KeyvalOptions(values, help, shortForms);
    }

    /**
     * Whether a word asks for help, as QEMU's {@code is_help_option}.
     *
     * @param word the word
     * @return true for {@code help} and {@code ?}
     */
    public static boolean isHelp(String word) {
        return "help".equals(word) || "?".equals(word);
    }

    private static ShortFormBoolean shortForm(String name) {
        if (name.startsWith("no")) {
            return new ShortFormBoolean(name, name.substring(2), "off");
        }
        return new ShortFormBoolean(name, name, "on");
    }

    private static int nameEnd(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) != '=' && text.charAt(i) != ',') {
            i++;
        }
        return i;
    }

    /** Reads a value up to a single comma; {@code ,,} stands for one comma. Returns the next position. */
    private static int readValue(String text, int from, StringBuilder value) {
        int i = from;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == ',') {
                if (i + 1 < text.length() && text.charAt(i + 1) == ',') {
                    value.append(',');
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            value.append(c);
            i++;
        }
        return i;
    }

    private static int skipSeparator(String text, int at) {
        return at < text.length() ? at + 1 : at;
    }

    /** keyval accepts QAPI names separated by dots; QemuOpts only rejects an empty name. */
    private static void checkName(String name, KeyvalSyntax syntax) throws KeyvalException {
        boolean valid = syntax == KeyvalSyntax.QEMU_OPTS ? !name.isEmpty() : isDottedQapiName(name);
        if (!valid) {
            throw new KeyvalException("Invalid parameter '" + name + "'");
        }
    }

    private static boolean isDottedQapiName(String name) {
        for (String fragment : name.split("\\.", -1)) {
            if (!isQapiName(fragment)) {
                return false;
            }
        }
        return true;
    }

    /** QEMU's {@code parse_qapi_name}: an optional underscore, a letter, then letters, digits, '-', '_'. */
    private static boolean isQapiName(String s) {
        int i = s.startsWith("_") ? 1 : 0;
        if (i >= s.length() || !isAsciiLetter(s.charAt(i))) {
            return false;
        }
        for (i++; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
