package io.emuhost.monitor.internal.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Fuzz target: QMP's input framing and value parsing ({@link JsonFramer} then
 * {@link JsonFrameParser}, as a QMP session uses them) on random bytes fed in random pieces, with
 * the default size limit and a small one. Invariants: every framed value parses into a value or
 * fails with one {@code GenericError} {@link QmpException}; framing errors are descriptions,
 * nothing else escapes; after the client forces a resynchronisation with 0xFF (QEMU's
 * {@code qmp-spec}: a byte no JSON may contain resets the parser), the next request frames and
 * parses as exactly one value. The framer's construction lives in {@link #frames} only, so a change
 * of its limits touches one line. Regression inputs: {@code QmpFramingFuzzTestInputs/frames/}.
 */
class QmpFramingFuzzTest {

    private static final int SMALL_LIMIT = 64;
    private static final byte[] RESYNC = {(byte) 0xff};
    private static final byte[] GOOD = "{\"execute\":\"qmp_capabilities\"}".getBytes(StandardCharsets.US_ASCII);

    private final JsonFrameParser defaultParser = new JsonFrameParser(QmpLimits.DEFAULT.maxValueBytes());
    private final JsonFrameParser smallParser = new JsonFrameParser(SMALL_LIMIT);

    /** One frame's outcome: a parsed value, or an error text (framing or parsing). */
    private sealed interface Outcome {
        record Value(Object value) implements Outcome {
        }

        record Error(String description) implements Outcome {
        }
    }

    @FuzzTest
    void frames(FuzzedDataProvider data) throws IOException {
        boolean small = data.consumeBoolean();
        List<Outcome> outcomes = new ArrayList<>();
        JsonFramer framer = frames(small ? SMALL_LIMIT : QmpLimits.DEFAULT.maxValueBytes(),
                small ? smallParser : defaultParser, outcomes);
        byte[] input = data.consumeRemainingAsBytes();
        for (int at = 0; at < input.length; ) {
            int piece = Math.min(input.length - at, 1 + (input[at] & 0x3f));
            framer.feed(input, at, piece);
            at += piece;
        }
        for (Outcome outcome : outcomes) {
            if (outcome instanceof Outcome.Error error) {
                assertFalse(error.description().isEmpty());
            }
        }

        framer.feed(RESYNC, 0, RESYNC.length);
        int before = outcomes.size();
        framer.feed(GOOD, 0, GOOD.length);

        assertEquals(before + 1, outcomes.size(), () -> "one answer to the request after resync: " + outcomes);
        Outcome last = outcomes.get(before);
        assertEquals(Map.of("execute", "qmp_capabilities"),
                assertInstanceOf(Outcome.Value.class, last, last::toString).value());
    }

    /** The framer as QmpSession wires it: each value goes to the parser at once; a budget of its own. */
    private static JsonFramer frames(int maxValueBytes, JsonFrameParser parser, List<Outcome> outcomes) {
        return new JsonFramer(maxValueBytes, new ValueBudget(QmpLimits.DEFAULT.maxBufferedBytes()), new JsonFramer.Sink() {
            @Override
            public void value(byte[] bytes, int length) {
                try {
                    outcomes.add(new Outcome.Value(parser.parse(bytes, length)));
                } catch (QmpException e) {
                    assertEquals("GenericError", e.error().errorClass(), e::toString);
                    outcomes.add(new Outcome.Error(e.error().desc()));
                }
            }

            @Override
            public void error(String description) {
                outcomes.add(new Outcome.Error(description));
            }
        });
    }
}
