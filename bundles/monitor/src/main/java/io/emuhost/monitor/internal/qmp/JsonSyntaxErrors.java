package io.emuhost.monitor.internal.qmp;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Turns Jackson's parse errors into QEMU 7.2's ({@code qobject/json-parser.c}, observed):
 * {@code JSON parse error, } followed by {@code invalid keyword 'x'}, {@code expecting value},
 * {@code missing : in object pair}, {@code key is not a string in object},
 * {@code expected separator in dict}, {@code expected separator in list},
 * {@code invalid escape sequence in string}, {@code \\uXXXX is not a valid Unicode character},
 * {@code invalid UTF-8 sequence in string}, {@code duplicate key}, or, for malformed numbers,
 * QEMU's lexical {@code stray '<token>'}.
 */
final class JsonSyntaxErrors {

    private static final String PREFIX = "JSON parse error, ";
    private static final Set<String> KEYWORDS = Set.of("true", "false", "null");

    private JsonSyntaxErrors() {
    }

    /**
     * QEMU's description of a parse error.
     *
     * @param e Jackson's error
     * @param bytes the value's bytes
     * @param length how many
     * @param context where the parser was: in an array, an object, or at the top
     * @param last the last token Jackson returned before the error, or null
     * @return e.g. {@code JSON parse error, missing : in object pair}
     */
    static String describe(JsonParseException e, byte[] bytes, int length, JsonStreamContext context,
            JsonToken last) {
        String message = e.getOriginalMessage();
        int at = e.getLocation() == null ? -1 : (int) Math.min(e.getLocation().getByteOffset(), length);
        int offending = at >= 0 && at < length ? bytes[at] & 0xff : -1;
        if (message.startsWith("Unrecognized token '")) {
            String token = message.substring("Unrecognized token '".length(), message.indexOf('\'', 20));
            String letters = leadingLetters(token);
            return PREFIX + (letters.isEmpty() ? "stray '" + token + "'" : "invalid keyword '" + letters + "'");
        }
        if (message.startsWith("Unexpected close marker")) {
            return PREFIX + closeMarker(context, last);
        }
        if (message.startsWith("Unrecognized character escape")) {
            return PREFIX + "invalid escape sequence in string";
        }
        if (message.startsWith("Invalid UTF-8")) {
            return PREFIX + "invalid UTF-8 sequence in string";
        }
        if (message.startsWith("Duplicate field")) {
            return PREFIX + "duplicate key";
        }
        if (message.contains("expected a hex-digit for character escape sequence")) {
            return PREFIX + hexEscape(bytes, length, at) + " is not a valid Unicode character";
        }
        if (message.contains("was expecting a colon")) {
            return PREFIX + "missing : in object pair";
        }
        if (message.contains("was expecting double-quote to start field name")) {
            return PREFIX + key(bytes, length, at, offending);
        }
        if (message.contains("was expecting comma to separate Object entries")) {
            return PREFIX + "expected separator in dict";
        }
        if (message.contains("was expecting comma to separate Array entries")) {
            return PREFIX + "expected separator in list";
        }
        if (message.contains("numeric value") || message.startsWith("Unexpected end-of-input")
                || message.contains("separating root-level values")) {
            return PREFIX + "stray '" + bareToken(bytes, length, at) + "'";
        }
        if (offending >= 'a' && offending <= 'z') {
            return PREFIX + "invalid keyword '" + leadingLetters(ascii(bytes, at, length)) + "'";
        }
        return PREFIX + "expecting value";
    }

    /** A non-string key: a keyword is still parsed first, so a bad one is an invalid keyword. */
    private static String key(byte[] bytes, int length, int at, int offending) {
        if (offending == '}' || offending == ']' || offending == ':' || offending == ',') {
            return "expecting value";
        }
        String letters = leadingLetters(ascii(bytes, at, length));
        if (!letters.isEmpty() && !KEYWORDS.contains(letters)) {
            return "invalid keyword '" + letters + "'";
        }
        return "key is not a string in object";
    }

    /** A closing bracket where a value or a separator was due. */
    private static String closeMarker(JsonStreamContext context, JsonToken last) {
        if (context.inArray() && last != JsonToken.START_ARRAY) {
            return "expected separator in list";
        }
        if (context.inObject() && last != JsonToken.START_OBJECT && last != JsonToken.FIELD_NAME) {
            return "expected separator in dict";
        }
        return "expecting value";
    }

    /** The {@code \\uXXXX} escape the error is in, as written (QEMU prints six characters). */
    private static String hexEscape(byte[] bytes, int length, int at) {
        int start = Math.max(0, Math.min(at, length - 1));
        while (start > 0 && !(bytes[start] == '\\' && start + 1 < length && bytes[start + 1] == 'u')) {
            start--;
        }
        return new String(bytes, start, Math.min(6, length - start), StandardCharsets.UTF_8);
    }

    /**
     * The escape that produced a lone surrogate, as written.
     *
     * @param surrogate the surrogate
     * @param bytes the value's bytes
     * @param length how many
     * @return e.g. {@code \ud800}
     */
    static String escapeOf(char surrogate, byte[] bytes, int length) {
        String hex = String.format(Locale.ROOT, "%04x", (int) surrogate);
        String text = new String(bytes, 0, length, StandardCharsets.UTF_8);
        int at = text.toLowerCase(Locale.ROOT).indexOf("\\u" + hex);
        return at >= 0 ? text.substring(at, at + 6) : "\\u" + hex;
    }

    /** The number around a lexical error in it, as QEMU's lexer would print it. */
    private static String bareToken(byte[] bytes, int length, int at) {
        int end = Math.max(0, Math.min(at + 1, length));
        int start = Math.min(end, length);
        while (start > 0 && isBare(bytes[start - 1])) {
            start--;
        }
        while (end < length && isBare(bytes[end])) {
            end++;
        }
        return new String(bytes, start, end - start, StandardCharsets.UTF_8);
    }

    private static boolean isBare(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || b == '.' || b == '+' || b == '-' || b == 'E';
    }

    private static String ascii(byte[] bytes, int at, int length) {
        return at < 0 || at >= length ? "" : new String(bytes, at, length - at, StandardCharsets.ISO_8859_1);
    }

    private static String leadingLetters(String text) {
        int end = 0;
        while (end < text.length() && text.charAt(end) >= 'a' && text.charAt(end) <= 'z') {
            end++;
        }
        return text.substring(0, end);
    }
}
