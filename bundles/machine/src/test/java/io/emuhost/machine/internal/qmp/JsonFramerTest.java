package io.emuhost.machine.internal.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFramerTest {

    private final List<String> seen = new ArrayList<>();
    private JsonFramer framer = framer(64);

    private JsonFramer framer(int maxValueBytes) {
        return new JsonFramer(maxValueBytes, new JsonFramer.Sink() {
            @Override
            public void value(byte[] bytes, int length) {
                seen.add(length > 100 ? "value of " + length : new String(bytes, 0, length, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void error(String description) {
                seen.add("ERR " + description);
            }
        });
    }

    private List<String> feed(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        framer.feed(bytes, 0, bytes.length);
        return seen;
    }

    @Test
    void feed_twoValuesOnOneLine_givesBoth() throws IOException {
        assertEquals(List.of("{\"a\": 1}", "{\"b\": [2]}"), feed("{\"a\": 1}{\"b\": [2]}\n"));
    }

    @Test
    void feed_valueAcrossLinesAndFeeds_givesItWhenItCloses() throws IOException {
        feed("{\"execute\":\n");
        assertEquals(List.of(), seen);

        assertEquals(List.of("{\"execute\":\n\"x\"\n}"), feed("\"x\"\n}\n"));
    }

    @Test
    void feed_oneByteAtATime_givesTheSameValue() throws IOException {
        for (char c : "  {\"a\": \"}\\\"]\"}".toCharArray()) {
            feed(String.valueOf(c));
        }

        assertEquals(List.of("{\"a\": \"}\\\"]\"}"), seen);
    }

    @Test
    void feed_topLevelScalars_endAtTheirLastCharacter() throws IOException {
        assertEquals(List.of("12", "json", "'x'", "]", ":"), feed("12 json'x']:"));
    }

    @Test
    void feed_strayCharacter_reportsItAndSkipsToTheNextStructuralCharacter() throws IOException {
        assertEquals(List.of("ERR JSON parse error, stray '@'", ":", "5"), feed("@ \"id\" x : 5\n"));
    }

    @Test
    void feed_strayInsideValue_dropsThePartAndRecoversAtNewline() throws IOException {
        assertEquals(List.of("ERR JSON parse error, stray '@'", "{\"execute\": \"x\"}"),
                feed("{\"execute\": @ \"id\"\n{\"execute\": \"x\"}"));
    }

    @Test
    void feed_controlCharacterInString_isStrayWithThePartialString() throws IOException {
        assertEquals(List.of("ERR JSON parse error, stray '\"ab\u0001'"), feed("\"ab\u0001\"\n"));
    }

    @Test
    void feed_byteFF_isStrayReplacementCharacter() throws IOException {
        assertEquals(List.of("ERR JSON parse error, stray '\ufffd'", "1"), feed("\u00ff\n1 "));
    }

    @Test
    void feed_1024OpenBrackets_areAccepted() throws IOException {
        framer = framer(4096);

        feed("[".repeat(JsonFramer.MAX_NESTING) + "]".repeat(JsonFramer.MAX_NESTING));

        assertEquals(List.of("value of 2048"), seen);
    }

    @Test
    void feed_1025OpenBrackets_exceedNestingAndReadOnFromTheNextToken() throws IOException {
        framer = framer(4096);

        feed("[".repeat(JsonFramer.MAX_NESTING + 1) + "1,");

        assertEquals(List.of("ERR JSON nesting depth limit exceeded", "1", ","), seen);
    }

    @Test
    void feed_valueOverTheLimit_exceedsTokenSizeAndSkipsTheRestOfTheString() throws IOException {
        feed("{\"a\": \"" + "x".repeat(100) + "\"} {\"b\": 1}");

        assertEquals(List.of("ERR JSON token size limit exceeded", "}", "{\"b\": 1}"), seen);
    }
}
