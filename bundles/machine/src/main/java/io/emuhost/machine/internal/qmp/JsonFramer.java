package io.emuhost.machine.internal.qmp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts the QMP input byte stream into top-level JSON values, with QEMU 7.2's lexical rules and
 * limits ({@code qobject/json-lexer.c}, {@code qobject/json-streamer.c}); {@link JsonFrameParser}
 * parses each value with Jackson. A value ends where QEMU's streamer ends it: when its brackets
 * balance (or one count goes negative), or, at the top level, with a string, a bare number or
 * keyword, or a lone {@code :} or {@code ,}. Several values on one line and one value over several
 * lines both work.
 *
 * <p>Bad input is answered as QEMU does. A byte no JSON token may contain ({@code @}, a control
 * character in a string, 0xFE/0xFF) is a lexical error, {@code JSON parse error, stray '<token>'}:
 * the value so far is dropped and input is skipped up to the next byte QEMU resynchronises on
 * (a structural character, a control character other than tab, 0xFE or 0xFF), so a client can
 * always recover with a newline. More than {@value #MAX_NESTING} open brackets give
 * {@code JSON nesting depth limit exceeded} and a value longer than the size limit
 * {@code JSON token size limit exceeded}; either drops the value so far and reads on from the
 * next token, as QEMU does. Memory per client is bounded by the size limit.
 */
final class JsonFramer {

    /** QEMU's MAX_NESTING (json-streamer.c): open braces plus brackets. */
    static final int MAX_NESTING = 1024;

    /** Receives the values and the lexical and limit errors, in input order. */
    interface Sink {
        /**
         * One complete top-level value.
         *
         * @param bytes the value's bytes, from its first token to its last; valid until return
         * @param length how many bytes
         * @throws IOException if answering fails
         */
        void value(byte[] bytes, int length) throws IOException;

        /**
         * A lexical or limit error.
         *
         * @param description QEMU's text, e.g. {@code JSON parse error, stray '@'}
         * @throws IOException if answering fails
         */
        void error(String description) throws IOException;
    }

    private enum State { BETWEEN, STRING, STRING_ESCAPE, BARE, RECOVERY }

    private final int maxValueBytes;
    private final Sink sink;
    private byte[] value = new byte[256];
    private int length;
    private int tokenStart;
    private int braces;
    private int brackets;
    private State state = State.BETWEEN;
    private byte quote;
    private boolean discardingToken;

    /**
     * Creates a framer.
     *
     * @param maxValueBytes the longest value accepted (QEMU: 64 MiB of tokens)
     * @param sink where values and errors go
     */
    JsonFramer(int maxValueBytes, Sink sink) {
        this.maxValueBytes = maxValueBytes;
        this.sink = sink;
    }

    /**
     * Reads bytes; complete values and errors go to the sink before this returns.
     *
     * @param bytes the input
     * @param offset where it starts
     * @param count how many bytes
     * @throws IOException if the sink fails
     */
    void feed(byte[] bytes, int offset, int count) throws IOException {
        for (int i = offset; i < offset + count; i++) {
            int b = bytes[i] & 0xff;
            while (!consume(b)) {
                // the byte ended a bare token or recovery and is read again in the new state
            }
        }
    }

    /** Processes one byte; false if it must be processed again in the state it led to. */
    private boolean consume(int b) throws IOException {
        switch (state) {
            case RECOVERY -> {
                if (isResyncPoint(b)) {
                    state = State.BETWEEN;
                    return false;
                }
                return true;
            }
            case STRING -> {
                return string(b);
            }
            case STRING_ESCAPE -> {
                if (!isStringByte(b)) {
                    return stray(b);
                }
                state = State.STRING;
                append(b);
                return true;
            }
            case BARE -> {
                if (isBareByte(b)) {
                    append(b);
                    return true;
                }
                state = State.BETWEEN;
                endToken();
                return false;
            }
            default -> {
                return between(b);
            }
        }
    }

    private boolean string(int b) throws IOException {
        if (b == (quote & 0xff)) {
            append(b);
            state = State.BETWEEN;
            endToken();
            return true;
        }
        if (b == '\\') {
            append(b);
            state = State.STRING_ESCAPE;
            return true;
        }
        if (!isStringByte(b)) {
            return stray(b);
        }
        append(b);
        return true;
    }

    private boolean between(int b) throws IOException {
        switch (b) {
            case ' ', '\t', '\r', '\n' -> {
                if (length > 0) {
                    append(b);
                }
            }
            case '{', '[' -> {
                if (b == '{') {
                    braces++;
                } else {
                    brackets++;
                }
                if (braces + brackets > MAX_NESTING) {
                    limit("JSON nesting depth limit exceeded");
                } else if (startToken(b)) {
                    endToken();
                }
            }
            case '}', ']' -> {
                if (b == '}') {
                    braces--;
                } else {
                    brackets--;
                }
                if (startToken(b)) {
                    endToken();
                }
            }
            case ':', ',' -> {
                if (startToken(b)) {
                    endToken();
                }
            }
            case '"', '\'' -> {
                quote = (byte) b;
                state = State.STRING;
                startToken(b);
            }
            default -> {
                if (b == '-' || (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z')) {
                    state = State.BARE;
                    startToken(b);
                } else {
                    return stray(b);
                }
            }
        }
        return true;
    }

    /** Starts a token with its first byte; false if the value outgrew the limit and was dropped. */
    private boolean startToken(int b) throws IOException {
        tokenStart = length;
        discardingToken = false;
        return append(b);
    }

    /** json-streamer.c: a value ends when both counts are zero or one is negative. */
    private void endToken() throws IOException {
        if (discardingToken) {
            discardingToken = false;
            return;
        }
        if (braces < 0 || brackets < 0 || (braces == 0 && brackets == 0)) {
            byte[] bytes = value;
            int complete = length;
            reset();
            sink.value(bytes, complete);
        }
    }

    /**
     * Stores a byte of the current value; false if that made the value too long: the value is
     * dropped, and the rest of the current string, number or keyword is skipped.
     */
    private boolean append(int b) throws IOException {
        if (discardingToken) {
            return false;
        }
        if (length == maxValueBytes) {
            limit("JSON token size limit exceeded");
            discardingToken = state != State.BETWEEN;
            return false;
        }
        if (length == value.length) {
            value = Arrays.copyOf(value, Math.min(maxValueBytes, value.length * 2));
        }
        value[length++] = (byte) b;
        return true;
    }

    /** A lexical error: the token so far and the bad byte, then recovery. */
    private boolean stray(int b) throws IOException {
        boolean inToken = state != State.BETWEEN && !discardingToken;
        byte[] token = Arrays.copyOfRange(value, inToken ? tokenStart : length, length + 1);
        token[token.length - 1] = (byte) b;
        discardingToken = false;
        reset();
        state = State.RECOVERY;
        sink.error("JSON parse error, stray '" + new String(token, StandardCharsets.UTF_8) + "'");
        return true;
    }

    private void limit(String description) throws IOException {
        reset();
        sink.error(description);
    }

    private void reset() {
        length = 0;
        tokenStart = 0;
        braces = 0;
        brackets = 0;
        if (value.length > 4096) {
            value = new byte[256];
        }
    }

    /** json-lexer.c: the characters QEMU accepts inside a string. */
    private static boolean isStringByte(int b) {
        return b >= 0x20 && b <= 0xfd;
    }

    /** Characters of numbers and keywords. */
    private static boolean isBareByte(int b) {
        return (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || b == '.' || b == '+' || b == '-' || b == 'E';
    }

    /** json-lexer.c IN_RECOVERY: structural characters, control characters but tab, 0xFE, 0xFF. */
    private static boolean isResyncPoint(int b) {
        return b == '{' || b == '}' || b == '[' || b == ']' || b == ':' || b == ','
                || (b < 0x20 && b != '\t') || b >= 0xfe;
    }
}
