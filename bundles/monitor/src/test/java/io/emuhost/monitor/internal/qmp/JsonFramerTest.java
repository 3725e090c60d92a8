package io.emuhost.monitor.internal.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonFramerTest {

    private final List<String> seen = new ArrayList<>();
    private JsonFramer framer = framer(64);

    private JsonFramer framer(int maxValueBytes) {
        return framer(maxValueBytes, new ValueBudget(maxValueBytes));
    }

    private JsonFramer framer(int maxValueBytes, ValueBudget budget) {
        return new JsonFramer(maxValueBytes, budget, new JsonFramer.Sink() {
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
    void feed_1025OpenBrackets_exceedNestingOnceAndSkipToTheEndOfTheValue() throws IOException {
        framer = framer(4096);

        feed("[".repeat(JsonFramer.MAX_NESTING + 1) + "1," + "]".repeat(JsonFramer.MAX_NESTING + 1) + " 7 ");

        assertEquals(List.of("ERR JSON nesting depth limit exceeded", "7"), seen);
    }

    @Test
    void feed_valueOverTheLimit_getsOneErrorAndTheNextValueIsFramed() throws IOException {
        feed("{\"a\": {\"b\": [\"" + "x".repeat(100) + "\", {\"c\": 1}]}} {\"b\": 1}");

        assertEquals(List.of("ERR JSON token size limit exceeded", "{\"b\": 1}"), seen);
    }

    @Test
    void feed_topLevelStringOverTheLimit_getsOneError() throws IOException {
        feed("\"" + "x".repeat(100) + "\" 5 ");

        assertEquals(List.of("ERR JSON token size limit exceeded", "5"), seen);
    }

    @Test
    void feed_moreTokensThanQemusCount_getsOneError() throws IOException {
        framer = framer(JsonFramer.MAX_TOKEN_SIZE);

        feed("[" + "1,".repeat(JsonFramer.MAX_TOKEN_COUNT / 2) + "1] {}");

        assertEquals(List.of("ERR JSON token count limit exceeded", "{}"), seen);
    }

    @Test
    void feed_qemusTokenCount_isAccepted() throws IOException {
        framer = framer(JsonFramer.MAX_TOKEN_SIZE);

        feed("[" + "1,".repeat(JsonFramer.MAX_TOKEN_COUNT / 2 - 2) + "[]]");

        assertEquals(List.of("value of " + JsonFramer.MAX_TOKEN_COUNT), seen);
    }

    @Test
    void feed_strayInsideASkippedValue_endsTheSkippingSilentlyAndRecoversAsAfterAnyStray() throws IOException {
        feed("{\"a\": \"" + "x".repeat(100) + "\", \"b\": @ }\n{\"c\": 2}");

        assertEquals(List.of("ERR JSON token size limit exceeded", "}", "{\"c\": 2}"), seen);
    }

    @Test
    void feed_runsOfWhitespace_areKeptAsOneByte() throws IOException {
        assertEquals(List.of("{\"a\": [1,\n2]}"), feed("{\"a\":" + " ".repeat(1000) + "[1,\n\n\t 2]}"));
    }

    @Test
    void feed_100MiBValueInChunks_isAnsweredOnceWithoutBeingHeld() throws IOException {
        ValueBudget budget = new ValueBudget(JsonFramer.MAX_TOKEN_SIZE);
        framer = framer(JsonFramer.MAX_TOKEN_SIZE, budget);
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) 'x');

        feed("{\"execute\": \"x\", \"arguments\": {\"pad\": \"");
        long mostDrawn = 0;
        for (int fed = 0; fed < 100 << 20; fed += chunk.length) {
            framer.feed(chunk, 0, chunk.length);
            mostDrawn = Math.max(mostDrawn, JsonFramer.MAX_TOKEN_SIZE - budget.available());
        }
        feed("\"}}{\"execute\": \"y\"}");

        assertEquals(List.of("ERR JSON token size limit exceeded", "{\"execute\": \"y\"}"), seen);
        assertTrue(mostDrawn <= JsonFramer.MAX_TOKEN_SIZE);
        assertEquals(JsonFramer.MAX_TOKEN_SIZE, budget.available(), "the skipped part holds nothing");
    }

    @Test
    void feed_budgetSharedByTwoClients_refusesWhatDoesNotFitAndRecovers() throws IOException {
        ValueBudget budget = new ValueBudget(16384);
        List<String> other = new ArrayList<>();
        JsonFramer first = new JsonFramer(1 << 20, budget, new JsonFramer.Sink() {
            @Override
            public void value(byte[] bytes, int length) {
                other.add("value of " + length);
            }

            @Override
            public void error(String description) {
                other.add("ERR " + description);
            }
        });
        framer = framer(1 << 20, budget);
        byte[] big = ("\"" + "x".repeat(10_000)).getBytes(StandardCharsets.ISO_8859_1);
        first.feed(big, 0, big.length);

        feed("\"" + "y".repeat(9000) + "\"");
        first.feed(new byte[] {'"'}, 0, 1);
        feed("\"" + "y".repeat(9000) + "\"");

        assertEquals(List.of("value of 10002"), other);
        assertEquals(List.of("ERR JSON token size limit exceeded", "value of 9002"), seen);
        assertEquals(16384, budget.available());
    }
}
