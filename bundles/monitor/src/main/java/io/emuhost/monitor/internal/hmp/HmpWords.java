package io.emuhost.monitor.internal.hmp;

import java.util.Optional;

/**
 * A cursor over an HMP command line with QEMU's lexical rules ({@code monitor/hmp.c}): C
 * {@code isspace} separates words, and {@code get_str} reads a word that may be double-quoted
 * with the escapes {@code \n \r \\ \' \"}.
 */
final class HmpWords {

    /** QEMU reads words into a 1024-byte buffer; longer words are cut silently. */
    static final int MAX_WORD = 1023;

    private final String line;
    private int position;

    HmpWords(String line, int position) {
        this.line = line;
        this.position = position;
    }

    int position() {
        return position;
    }

    void skipSpaces() {
        while (position < line.length() && isSpace(line.charAt(position))) {
            position++;
        }
    }

    boolean atEnd() {
        return position >= line.length();
    }

    char peek() {
        return line.charAt(position);
    }

    void advance(int count) {
        position = Math.min(line.length(), position + count);
    }

    /** The rest of the line, unchanged (QEMU's {@code S} type keeps trailing spaces). */
    String rest() {
        String rest = line.substring(position);
        position = line.length();
        return rest;
    }

    /** The next run of non-space characters. */
    String graph() {
        int start = position;
        while (position < line.length() && !isSpace(line.charAt(position))) {
            position++;
        }
        return line.substring(start, position);
    }

    /**
     * QEMU's {@code get_str}.
     *
     * @return the word, or empty at the end of the line, on an unsupported escape or an
     *     unterminated quote
     */
    Optional<String> word() {
        skipSpaces();
        if (atEnd()) {
            return Optional.empty();
        }
        StringBuilder word = new StringBuilder();
        if (peek() != '"') {
            while (!atEnd() && !isSpace(peek())) {
                append(word, line.charAt(position++));
            }
            return Optional.of(word.toString());
        }
        position++;
        while (!atEnd() && peek() != '"') {
            char c = line.charAt(position++);
            if (c == '\\') {
                if (atEnd()) {
                    return Optional.empty();
                }
                c = switch (line.charAt(position++)) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case '\\' -> '\\';
                    case '\'' -> '\'';
                    case '"' -> '"';
                    default -> 0;
                };
                if (c == 0) {
                    return Optional.empty();
                }
            }
            append(word, c);
        }
        if (atEnd()) {
            return Optional.empty();
        }
        position++;
        return Optional.of(word.toString());
    }

    private static void append(StringBuilder word, char c) {
        if (word.length() < MAX_WORD) {
            word.append(c);
        }
    }

    /** C's {@code isspace}. */
    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }
}
