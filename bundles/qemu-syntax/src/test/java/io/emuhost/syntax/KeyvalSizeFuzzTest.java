package io.emuhost.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target: the command line's option-string and number parsers on random text —
 * {@link KeyvalParser} in both dialects, {@link SizeParser} ({@code -m}), and
 * {@link QemuNumbers}' {@code qemu_strtou64} and {@code qemu_strtosz}. Invariants: each either
 * returns or throws its one typed exception ({@link KeyvalException}, {@link SizeSyntaxException},
 * {@link MalformedNumberException}) with a message; a size is never negative; a parsed option
 * string in the keyval dialect has only non-empty keys; the parsers keep no state: a known-good string parses as
 * always afterwards. Regression inputs: {@code KeyvalSizeFuzzTestInputs/keyvalAndSizes/}.
 */
class KeyvalSizeFuzzTest {

    private static final int[] BASES = {0, 10, 16};

    @FuzzTest
    void keyvalAndSizes(FuzzedDataProvider data) throws Exception {
        KeyvalSyntax syntax = data.consumeBoolean() ? KeyvalSyntax.QEMU_OPTS : KeyvalSyntax.KEYVAL;
        String impliedKey = data.consumeBoolean() ? "type" : null;
        int base = BASES[data.consumeInt(0, BASES.length - 1)];
        String text = data.consumeBoolean() ? data.consumeRemainingAsAsciiString() : data.consumeRemainingAsString();

        try {
            KeyvalOptions options = KeyvalParser.parse(text, impliedKey, syntax);
            if (syntax == KeyvalSyntax.KEYVAL) {
                // keyval.c: "Invalid parameter ''"; QemuOpts keeps an empty name for its user to reject
                options.values().keySet().forEach(key -> assertTrue(!key.isEmpty(), "empty key in " + options));
            }
        } catch (KeyvalException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
        }
        try {
            assertTrue(SizeParser.parse(text) >= 0, "negative size");
        } catch (SizeSyntaxException e) {
            assertTrue(e.getMessage() != null);
        }
        try {
            QemuNumbers.strtou64(text, base);
        } catch (MalformedNumberException e) {
            assertTrue(e.getMessage() != null);
        }
        List<String> warnings = new ArrayList<>();
        try {
            QemuNumbers.strtosz(text, warnings::add);
        } catch (MalformedNumberException e) {
            assertTrue(e.getMessage() != null);
        }

        stillParses();
    }

    private static void stillParses() throws Exception {
        KeyvalOptions options = KeyvalParser.parse("memory-backend-file,id=m1,size=1G,mem-path=a,,b", "qom-type",
                KeyvalSyntax.KEYVAL);
        assertEquals(Map.of("qom-type", "memory-backend-file", "id", "m1", "size", "1G", "mem-path", "a,b"),
                options.values());
        assertEquals(1L << 30, SizeParser.parse("1G"));
        assertEquals(0x1000, QemuNumbers.strtou64("0x1000", 0));
        assertEquals(3L << 19, QemuNumbers.strtosz("1.5M", warning -> { }));
    }
}
