package io.emuhost.monitor.internal.hmp;

import io.emuhost.api.machine.Frontend;
import io.emuhost.api.monitor.ArgumentSpec;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.monitor.internal.ParsedArguments;
import io.emuhost.syntax.KeyvalException;
import io.emuhost.syntax.KeyvalOptions;
import io.emuhost.syntax.KeyvalParser;
import io.emuhost.syntax.KeyvalSyntax;
import io.emuhost.syntax.MalformedNumberException;
import io.emuhost.syntax.QemuNumbers;
import io.emuhost.syntax.ShortFormBoolean;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the arguments of an HMP command line against the command's {@link ArgumentSpec}s, as
 * QEMU 7.2's {@code monitor_parse_arguments} does for the matching args types:
 * <ul>
 * <li>{@code STRING} ({@code s}): one word, possibly quoted; missing →
 *     {@code <cmd>: string expected}.</li>
 * <li>{@code INTEGER} ({@code l}): a number, decimal, 0x hex or 0 octal, optionally signed;
 *     {@code invalid char 'c' in expression}, {@code unexpected end of expression},
 *     {@code number too large}. QEMU's arithmetic expressions are not supported.</li>
 * <li>{@code SIZE} ({@code o}): bytes with an optional K/M/G/T/P/E suffix; {@code invalid size}.</li>
 * <li>{@code BOOLEAN} ({@code b}): {@code on} or {@code off}; {@code Expected 'on' or 'off'}.</li>
 * <li>{@code KEYVAL} ({@code O}): one QemuOpts word whose first element may be the value of the
 *     argument's own name (e.g. {@code driver}); never required. A bare {@code help} or {@code ?}
 *     becomes {@code help=on}. As in QEMU, parse errors and short-form warnings go to the
 *     diagnostics stream, not the monitor.</li>
 * <li>{@code REST} ({@code S}): the rest of the line, trailing spaces included; missing →
 *     {@code <cmd>: string expected}.</li>
 * </ul>
 * Anything left over is {@code <cmd>: extraneous characters at the end of line}.
 */
public final class HmpArgumentParser {

    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private HmpArgumentParser() {
    }

    /**
     * Parses the arguments.
     *
     * @param spec the command
     * @param words the line, positioned after the command name
     * @param diagnostics where QemuOpts warnings and errors go
     * @return the arguments
     * @throws HmpSyntaxException with QEMU's monitor line, if any
     */
    static ParsedArguments parse(CommandSpec spec, HmpWords words, PrintStream diagnostics)
            throws HmpSyntaxException {
        String command = spec.hmpName().orElse("");
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, Object> extra = new LinkedHashMap<>();
        for (ArgumentSpec argument : spec.arguments()) {
            words.skipSpaces();
            boolean absent = words.atEnd();
            if (absent && (argument.optional() || argument.type() == ArgumentType.KEYVAL)) {
                continue;
            }
            switch (argument.type()) {
                case STRING -> values.put(argument.name(), words.word()
                        .orElseThrow(() -> new HmpSyntaxException(command + ": string expected")));
                case REST -> {
                    if (absent) {
                        throw new HmpSyntaxException(command + ": string expected");
                    }
                    values.put(argument.name(), words.rest());
                }
                case INTEGER -> values.put(argument.name(), integer(words));
                case SIZE -> values.put(argument.name(), size(words.graph()));
                case BOOLEAN -> values.put(argument.name(), bool(words.graph()));
                case KEYVAL -> extra.putAll(keyval(argument.name(), words, diagnostics));
                default -> throw new IllegalStateException(argument.type().toString());
            }
        }
        words.skipSpaces();
        if (!words.atEnd()) {
            throw new HmpSyntaxException(command + ": extraneous characters at the end of line");
        }
        return new ParsedArguments(Frontend.HMP, values, extra);
    }

    private static Map<String, String> keyval(String impliedKey, HmpWords words, PrintStream diagnostics)
            throws HmpSyntaxException {
        String word = words.word().orElseThrow(() -> new HmpSyntaxException(null));
        KeyvalOptions options;
        try {
            options = KeyvalParser.parse(word, impliedKey, KeyvalSyntax.QEMU_OPTS);
        } catch (KeyvalException e) {
            diagnostics.println(e.getMessage());
            throw new HmpSyntaxException(null);
        }
        for (ShortFormBoolean flag : options.shortForms()) {
            diagnostics.println("warning: " + flag.warning());
            diagnostics.println(flag.hint());
        }
        Map<String, String> values = new LinkedHashMap<>(options.values());
        if (options.helpWanted()) {
            values.put("help", "on");
        }
        return values;
    }

    /**
     * QEMU's {@code expr_unary} for a plain number: signs, then {@code strtoull} with base 0. What
     * follows the digits is left for the next argument or the end-of-line check.
     */
    private static Long integer(HmpWords words) throws HmpSyntaxException {
        boolean negative = false;
        while (!words.atEnd() && (words.peek() == '-' || words.peek() == '+')) {
            negative ^= words.peek() == '-';
            words.advance(1);
            words.skipSpaces();
        }
        if (words.atEnd()) {
            throw new HmpSyntaxException("unexpected end of expression");
        }
        int radix = 10;
        if (words.peek() == '0') {
            words.advance(1);
            radix = 8;
            if (!words.atEnd() && (words.peek() == 'x' || words.peek() == 'X')) {
                words.advance(1);
                radix = 16;
            }
        }
        StringBuilder digits = new StringBuilder(radix == 10 ? "" : "0");
        while (!words.atEnd() && Character.digit(words.peek(), radix) >= 0) {
            digits.append(words.peek());
            words.advance(1);
        }
        if (radix == 10 && digits.length() == 0) {
            throw new HmpSyntaxException("invalid char '" + words.peek() + "' in expression");
        }
        BigInteger value = new BigInteger(digits.toString(), radix);
        if (value.compareTo(MAX_U64) > 0) {
            throw new HmpSyntaxException("number too large");
        }
        long bits = value.longValue();
        return negative ? -bits : bits;
    }

    private static Long size(String word) throws HmpSyntaxException {
        try {
            long value = QemuNumbers.strtosz(word, warning -> { });
            if (value < 0) {
                throw new HmpSyntaxException("invalid size");
            }
            return value;
        } catch (MalformedNumberException e) {
            throw new HmpSyntaxException("invalid size");
        }
    }

    private static Boolean bool(String word) throws HmpSyntaxException {
        return switch (word) {
            case "on" -> Boolean.TRUE;
            case "off" -> Boolean.FALSE;
            default -> throw new HmpSyntaxException("Expected 'on' or 'off'");
        };
    }

}
