package io.emuhost.monitor.internal.qmp;

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
 * always recover with a newline.
 *
 * <p>QEMU's limits per value: more than {@value #MAX_NESTING} open brackets give
 * {@code JSON nesting depth limit exceeded}, more than {@value #MAX_TOKEN_COUNT} tokens
 * {@code JSON token count limit exceeded}, more bytes than the size limit (QEMU: 64 MiB of
 * tokens; here a run of whitespace between tokens counts as one byte) or than the monitor's
 * {@link ValueBudget} grants {@code JSON token size limit exceeded}. Unlike QEMU, whose streamer
 * then answers each remaining closing bracket with another error, a value over a limit gets that
 * one reply: the rest of it is read without being kept, counting only its brackets, up to where
 * it ends, so a client counting replies stays in step. (A lexical error in the skipped part
 * ends the skipping silently, as it resynchronises QEMU's lexer.) Memory per client is bounded
 * by the size limit, whatever the input's length.
 */
final class JsonFramer {

    /** QEMU's MAX_NESTING (json-streamer.c): open braces plus brackets. */
    static final int MAX_NESTING = 1024;

    /** QEMU's MAX_TOKEN_COUNT (json-streamer.c): tokens in one value. */
    static final int MAX_TOKEN_COUNT = 2 << 20;

    /** QEMU's MAX_TOKEN_SIZE (json-streamer.c): bytes of one value. */
    static final int MAX_TOKEN_SIZE = 64 << 20;

    /** The buffer every framer may hold without drawing on the {@link ValueBudget}. */
    static final int FREE_BYTES = 4096;

    private static final int INITIAL_BYTES = 256;

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
    private final ValueBudget budget;
    private final Sink sink;
    private byte[] value = new byte[INITIAL_BYTES];
    private int length;
    private int tokenStart;
    private int tokens;
    private int braces;
    private int brackets;
    private State state = State.BETWEEN;
    private byte quote;
    /** The current value exceeded a limit and was answered; its rest is read, not kept. */
    private boolean skipping;

    /**
     * Creates a framer.
     *
     * @param maxValueBytes the longest value accepted ({@link #MAX_TOKEN_SIZE} as QEMU)
     * @param budget what the framers of the monitor's clients may hold together beyond
     *     {@link #FREE_BYTES} each
     * @param sink where values and errors go
     */
    JsonFramer(int maxValueBytes, ValueBudget budget, Sink sink) {
        this.maxValueBytes = maxValueBytes;
        this.budget = budget;
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

    /** Gives back what the buffer holds of the budget; the framer is not used afterwards. */
    void close() {
        shrink();
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
                if (length > 0 && !isWhitespace(value[length - 1])) {
                    append(b);
                }
            }
            case '{', '[' -> {
                if (b == '{') {
                    braces++;
                } else {
                    brackets++;
                }
                startToken(b);
                if (!skipping && braces + brackets > MAX_NESTING) {
                    overLimit("JSON nesting depth limit exceeded");
                }
                endToken();
            }
            case '}', ']' -> {
                if (b == '}') {
                    braces--;
                } else {
                    brackets--;
                }
                startToken(b);
                endToken();
            }
            case ':', ',' -> {
                startToken(b);
                endToken();
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

    /** Starts a token with its first byte. */
    private void startToken(int b) throws IOException {
        tokenStart = length;
        if (!skipping && ++tokens > MAX_TOKEN_COUNT) {
            overLimit("JSON token count limit exceeded");
        }
        append(b);
    }

    /** json-streamer.c: a value ends when both counts are zero or one is negative. */
    private void endToken() throws IOException {
        if (braces < 0 || brackets < 0 || (braces == 0 && brackets == 0)) {
            if (skipping) {
                reset();
                return;
            }
            try {
                sink.value(value, length);
            } finally {
                reset();
            }
        }
    }

    /** Stores a byte of the current value, unless it is being skipped or that made it too long. */
    private void append(int b) throws IOException {
        if (skipping) {
            return;
        }
        if (length == maxValueBytes || (length == value.length && !grow())) {
            overLimit("JSON token size limit exceeded");
            return;
        }
        value[length++] = (byte) b;
    }

    /** Doubles the buffer, up to the size limit and within the budget; false if it may not. */
    private boolean grow() {
        int larger = (int) Math.min(maxValueBytes, 2L * value.length);
        if (larger == value.length || !budget.reserve(drawn(larger) - drawn(value.length))) {
            return false;
        }
        value = Arrays.copyOf(value, larger);
        return true;
    }

    /** What a buffer of this capacity holds of the budget. */
    private static long drawn(int capacity) {
        return Math.max(0, capacity - FREE_BYTES);
    }

    /** A limit error: answered now; the value's rest is skipped. The bracket counts go on. */
    private void overLimit(String description) throws IOException {
        skipping = true;
        length = 0;
        shrink();
        sink.error(description);
    }

    /** A lexical error: the token so far and the bad byte, then recovery; silent when skipping. */
    private boolean stray(int b) throws IOException {
        boolean silent = skipping;
        byte[] token = silent ? null : Arrays.copyOfRange(value, state != State.BETWEEN ? tokenStart : length, length + 1);
        reset();
        state = State.RECOVERY;
        if (!silent) {
            token[token.length - 1] = (byte) b;
            sink.error("JSON parse error, stray '" + new String(token, StandardCharsets.UTF_8) + "'");
        }
        return true;
    }

    private void reset() {
        length = 0;
        tokenStart = 0;
        tokens = 0;
        braces = 0;
        brackets = 0;
        skipping = false;
        if (value.length > FREE_BYTES) {
            shrink();
        }
    }

    private void shrink() {
        budget.release(drawn(value.length));
        value = new byte[INITIAL_BYTES];
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
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
