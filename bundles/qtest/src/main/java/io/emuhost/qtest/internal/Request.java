package io.emuhost.qtest.internal;

import io.emuhost.syntax.MalformedNumberException;
import io.emuhost.syntax.QemuNumbers;


/**
 * One request line split as QEMU's {@code g_strsplit(line, " ", 0)} splits it: on every single
 * space, so two spaces give an empty word. Arguments are read by position and parsed with
 * QEMU's base-0 number rules (softmmu/qtest.c uses {@code qemu_strtou64}, {@code qemu_strtoul},
 * {@code qemu_strtoi64} and {@code qemu_strtoi}); words beyond the ones a command reads are
 * ignored, as QEMU ignores them.
 */
final class Request {

    private static final long INT64_MIN_MAGNITUDE = Long.MIN_VALUE;

    private final String line;
    private final String[] words;

    private Request(String line, String[] words) {
        this.line = line;
        this.words = words;
    }

    /**
     * Splits a line (without its newline).
     *
     * @param line the line
     * @return the request
     * @throws MalformedRequestException.EmptyCommand if the line is empty
     */
    static Request parse(String line) throws MalformedRequestException.EmptyCommand {
        if (line.isEmpty()) {
            throw new MalformedRequestException.EmptyCommand();
        }
        return new Request(line, line.split(" ", -1));
    }

    /** @return the line as received, for the log */
    String line() {
        return line;
    }

    /** @return the command word */
    String command() {
        return words[0];
    }

    /**
     * Whether argument {@code index} (1 = first after the command) is present.
     *
     * @param index the position
     * @return true if there are that many words
     */
    boolean has(int index) {
        return index < words.length;
    }

    /**
     * An argument as text.
     *
     * @param index 1 for the first argument
     * @param usage the command's usage line; its words name the arguments
     * @return the word
     * @throws MalformedRequestException.MissingArgument if the line is too short
     */
    String word(int index, String usage) throws MalformedRequestException.MissingArgument {
        if (index >= words.length) {
            throw new MalformedRequestException.MissingArgument(nameOf(index, usage), usage);
        }
        return words[index];
    }

    /**
     * {@code qemu_strtou64(word, NULL, 0)}: C's strtoull, negative numbers wrap.
     *
     * @param index 1 for the first argument
     * @param usage the command's usage line
     * @return the value, unsigned
     * @throws MalformedRequestException if missing or rejected
     */
    long unsigned(int index, String usage) throws MalformedRequestException {
        String text = word(index, usage);
        try {
            return QemuNumbers.strtou64(text, 0);
        } catch (MalformedNumberException e) {
            throw new MalformedRequestException.InvalidNumber(nameOf(index, usage), text, "an unsigned 64-bit number");
        }
    }

    /**
     * {@code qemu_strtoi64(word, NULL, 0)}: C's strtoll.
     *
     * @param index 1 for the first argument
     * @param usage the command's usage line
     * @return the value
     * @throws MalformedRequestException if missing, rejected or out of the signed 64-bit range
     */
    long signed(int index, String usage) throws MalformedRequestException {
        String text = word(index, usage);
        String range = "a signed 64-bit number";
        int i = 0;
        while (i < text.length() && " \t\n\u000b\f\r".indexOf(text.charAt(i)) >= 0) {
            i++;
        }
        boolean negative = i < text.length() && text.charAt(i) == '-';
        if (i < text.length() && (text.charAt(i) == '-' || text.charAt(i) == '+')) {
            i++;
        }
        String digits = text.substring(i);
        if (digits.isEmpty() || Character.digit(digits.charAt(0), 10) < 0) {
            throw new MalformedRequestException.InvalidNumber(nameOf(index, usage), text, range);
        }
        long magnitude;
        try {
            magnitude = QemuNumbers.strtou64(digits, 0);
        } catch (MalformedNumberException e) {
            throw new MalformedRequestException.InvalidNumber(nameOf(index, usage), text, range);
        }
        if (Long.compareUnsigned(magnitude, negative ? INT64_MIN_MAGNITUDE : Long.MAX_VALUE) > 0) {
            throw new MalformedRequestException.InvalidNumber(nameOf(index, usage), text, range);
        }
        return negative ? -magnitude : magnitude;
    }

    /**
     * {@code qemu_strtoi(word, NULL, 0)}: C's strtoll limited to the range of {@code int}.
     *
     * @param index 1 for the first argument
     * @param usage the command's usage line
     * @return the value
     * @throws MalformedRequestException if missing, rejected or out of range
     */
    int signed32(int index, String usage) throws MalformedRequestException {
        long value = signed(index, usage);
        if (value != (int) value) {
            throw new MalformedRequestException.InvalidNumber(nameOf(index, usage), words[index],
                    "a signed 32-bit number");
        }
        return (int) value;
    }

    private static String nameOf(int index, String usage) {
        String[] names = usage.split(" ");
        return index < names.length ? names[index].replace("[", "").replace("]", "") : "argument " + index;
    }
}
