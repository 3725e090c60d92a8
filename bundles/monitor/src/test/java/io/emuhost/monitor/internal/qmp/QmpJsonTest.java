package io.emuhost.monitor.internal.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QmpJsonTest {

    private final QmpJson json = new QmpJson();

    private String compact(Object message) {
        return new String(json.encode(message, false), StandardCharsets.US_ASCII);
    }

    @Test
    void encode_usesQemusSpacingOrderAndCrLf() {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("id", List.of(1, Map.of("x", "y")));
        reply.put("return", Map.of());

        assertEquals("{\"return\": {}, \"id\": [1, {\"x\": \"y\"}]}\r\n", compact(reply));
    }

    @Test
    void encode_greeting_isQemusShapeWithOurVersion() {
        assertEquals("{\"QMP\": {\"version\": {\"qemu\": {\"micro\": 0, \"minor\": 0, \"major\": 1}, \"package\": "
                + "\"emuhost 1.0.0\"}, \"capabilities\": [\"oob\"]}}\r\n", compact(QmpGreeting.of("1.0.0").message()));
    }

    @Test
    void encode_escapesEverythingOutsidePrintableAscii() {
        assertEquals("\"\\u00E9\\n\\\"/\\u007F\\u0001\\uD83D\\uDE00\"\r\n", compact("\u00e9\n\"/\u007f\u0001\uD83D\uDE00"));
    }

    @Test
    void encode_numbers_asQemuPrintsThem() {
        assertEquals("[1e+20, -0.0050000000000000001, 1.5, 18446744073709551615, null]\r\n",
                compact(Arrays.asList(1e20, -0.005, 1.5, new BigInteger("18446744073709551615"), null)));
    }

    @Test
    void encode_pretty_indentsByFourWithCrLf() {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("return", Map.of("a", List.of(1, 2), "b", Map.of()));

        String text = new String(json.encode(reply, true), StandardCharsets.US_ASCII);

        assertEquals("{\r\n    \"return\": {\r\n        \"a\": [\r\n            1,\r\n            2\r\n        ],\r\n"
                + "        \"b\": {}\r\n    }\r\n}\r\n", text);
    }
}
