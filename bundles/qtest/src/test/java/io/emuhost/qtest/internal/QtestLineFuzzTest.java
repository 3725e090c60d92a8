package io.emuhost.qtest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * Fuzz target: the qtest server's request path — {@link LineReader}, {@link Request} and the
 * dispatcher — on random lines, most of them a qtest command with random arguments, against the
 * in-memory {@link FakeMachine}. Invariants: every request is answered with {@code OK}, {@code ERR} (a
 * {@link MalformedRequestException}) or one of QEMU's {@code FAIL} texts, never with the
 * {@code FAIL <exception>} the server sends when a {@link RuntimeException} escapes; the
 * connection then serves a RAM write and read-back. Bulk transfers are capped at 1 MiB (see
 * {@link #boundTransfers}). Regression inputs:
 * {@code QtestLineFuzzTestInputs/lines/}.
 *
 * <p>{@link #lineReader} checks {@link LineReader} alone against a model, with a small line limit
 * (the server's is 32 MiB) and reads of random sizes: each newline ends one line, longer lines
 * than the limit become one {@code TooLong}, bytes after the last newline are no line.
 */
class QtestLineFuzzTest {

    private static final String[] COMMANDS = {
        "outb", "outw", "outl", "inb", "inw", "inl", "writeb", "writew", "writel", "writeq", "readb", "readw",
        "readl", "readq", "read", "b64read", "write", "b64write", "memset", "endianness", "clock_step", "clock_set",
        "module_load", "irq_intercept_in", "irq_intercept_out", "set_irq_in", "nosuch",
    };
    private static final String[] WORDS = {"0xcf8", "0xcfc", "0x1000", "0", "-1", "ioapic", "/machine", "AAAA", "=="};
    private static final int MAX_LINES = 12;
    private static final int MAX_ARGUMENTS = 4;
    private static final int MAX_SMALL = 0x1_0000;
    /** What the server sends when a RuntimeException escaped a request: FAIL and the exception's class. */
    private static final Pattern ESCAPED = Pattern.compile("FAIL [\\w$]+(\\.[\\w$]+)+(:.*)?");
    private static final String CHECK = "writel 0x1000 0x12345678\nreadl 0x1000\n";
    private static final Pattern BULK = Pattern.compile("read|b64read|write|b64write|memset");
    private static final long MAX_FUZZED_TRANSFER = 1 << 20;

    private QtestServer server;

    @BeforeEach
    void start() {
        server = new QtestServer(new FakeMachine(), Optional.of("none"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @FuzzTest
    void lines(FuzzedDataProvider data) throws IOException {
        StringBuilder input = new StringBuilder();
        int lines = data.consumeInt(0, MAX_LINES);
        for (int i = 0; i < lines; i++) {
            if (data.consumeInt(0, 4) == 0) {
                input.append(data.consumeString(64));
            } else {
                input.append(COMMANDS[data.consumeInt(0, COMMANDS.length - 1)]);
                int arguments = data.consumeInt(0, MAX_ARGUMENTS);
                for (int a = 0; a < arguments; a++) {
                    input.append(data.consumeInt(0, 7) == 0 ? "  " : " ").append(argument(data));
                }
            }
            input.append('\n');
        }
        // an unterminated last line is finished by the newline before the check
        input.append(data.consumeRemainingAsString());
        String requests = boundTransfers(input.toString()) + "\n" + CHECK;
        Replies replies = new Replies();

        server.serve(new ByteArrayInputStream(requests.getBytes(StandardCharsets.ISO_8859_1)), replies);

        assertFalse(replies.escaped != null, () -> "a request failed with an exception: " + replies.escaped);
        assertEquals("OK", replies.beforeLast, "the check's write");
        assertEquals("OK 0x0000000012345678", replies.last, "the check's read");
    }

    @FuzzTest
    void lineReader(FuzzedDataProvider data) throws IOException {
        int limit = data.consumeInt(1, 64);
        int[] reads = new int[data.consumeInt(1, 8)];
        for (int i = 0; i < reads.length; i++) {
            reads[i] = data.consumeInt(1, 100);
        }
        byte[] input = data.consumeRemainingAsBytes();
        LineReader reader = new LineReader(new PieceStream(input, reads), limit);

        String text = new String(input, StandardCharsets.ISO_8859_1);
        int start = 0;
        for (int newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
            String line = text.substring(start, newline);
            LineReader.Line expected = line.length() > limit ? new LineReader.Line.TooLong(limit)
                    : new LineReader.Line.Text(line);
            assertEquals(expected, reader.next());
            start = newline + 1;
        }
        assertEquals(new LineReader.Line.End(), reader.next());
    }

    /** Returns the input in reads of the given sizes, in turn. */
    private static final class PieceStream extends InputStream {
        private final byte[] input;
        private final int[] reads;
        private int position;
        private int turn;

        PieceStream(byte[] input, int[] reads) {
            this.input = input;
            this.reads = reads;
        }

        @Override
        public int read() {
            return position < input.length ? input[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (position == input.length) {
                return -1;
            }
            int n = Math.min(Math.min(length, reads[turn++ % reads.length]), input.length - position);
            System.arraycopy(input, position, buffer, offset, n);
            position += n;
            return n;
        }
    }

    /**
     * Caps the SIZE of bulk transfers at {@link #MAX_FUZZED_TRANSFER}. The server allows 16 MiB
     * reads and 16 GiB fills, which take seconds and would leave the fuzzer timing memset; the
     * limits themselves are in the regression inputs ({@code transfer-too-large}).
     */
    private static String boundTransfers(String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String[] words = lines[i].split(" ", -1);
            if (words.length > 2 && BULK.matcher(words[0]).matches() && !isSmall(words[2])) {
                words[2] = "0x100000";
                lines[i] = String.join(" ", words);
            }
        }
        return String.join("\n", lines);
    }

    /** True if the word is a number no larger than the cap, as qemu_strtou64 base 0 reads it. */
    private static boolean isSmall(String word) {
        try {
            long value = word.startsWith("0x") || word.startsWith("0X") ? Long.parseUnsignedLong(word.substring(2), 16)
                    : word.startsWith("0") && word.length() > 1 ? Long.parseUnsignedLong(word.substring(1), 8)
                    : Long.parseUnsignedLong(word);
            return Long.compareUnsigned(value, MAX_FUZZED_TRANSFER) <= 0;
        } catch (NumberFormatException notANumber) {
            return word.length() < 8;
        }
    }

    private static String argument(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 5)) {
            case 0 -> "0x" + Long.toHexString(data.consumeLong());
            case 1 -> Long.toString(data.consumeLong());
            case 2 -> "0x" + Integer.toHexString(data.consumeInt(0, MAX_SMALL));
            case 3 -> Integer.toString(data.consumeInt(0, MAX_SMALL));
            case 4 -> WORDS[data.consumeInt(0, WORDS.length - 1)];
            default -> data.consumeAsciiString(24);
        };
    }

    /** Keeps the last two reply lines and the first escaped-exception line; drops the rest. */
    private static final class Replies extends OutputStream {
        private static final int KEEP = 256;
        private final StringBuilder line = new StringBuilder();
        private String beforeLast;
        private String last;
        private String escaped;

        @Override
        public void write(int b) {
            if (b == '\n') {
                String text = line.toString();
                if (escaped == null && ESCAPED.matcher(text).matches()) {
                    escaped = text;
                }
                beforeLast = last;
                last = text;
                line.setLength(0);
            } else if (line.length() < KEEP) {
                line.append((char) (b & 0xff));
            }
        }

        /** Replies to big reads run to 32 MiB of hex: only each line's first bytes are looked at. */
        @Override
        public void write(byte[] bytes, int offset, int length) {
            int end = offset + length;
            for (int i = offset; i < end; i++) {
                byte b = bytes[i];
                if (b == '\n' || line.length() < KEEP) {
                    write(b);
                }
            }
        }
    }
}
