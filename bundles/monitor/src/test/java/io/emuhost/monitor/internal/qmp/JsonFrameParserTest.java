package io.emuhost.monitor.internal.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonFrameParserTest {

    private final JsonFrameParser parser = new JsonFrameParser(1 << 20);

    private Object parse(String text) throws QmpException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        return parser.parse(Arrays.copyOf(bytes, bytes.length + 3), bytes.length);
    }

    /** The texts QEMU 7.2 answered for the same input (qemu-system-x86_64 7.2.22, observed). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "json | invalid keyword 'json'",
        "tru | invalid keyword 'tru'",
        "{\"a\":tru} | invalid keyword 'tru'",
        "{abc:1} | invalid keyword 'abc'",
        "{\"a\" 1} | missing : in object pair",
        "{1:2} | key is not a string in object",
        "{true:1} | key is not a string in object",
        "{\"a\":1 \"b\":2} | expected separator in dict",
        "[1 2] | expected separator in list",
        "] | expecting value",
        "} | expecting value",
        ": | expecting value",
        ", | expecting value",
        "{,} | expecting value",
        "{\"a\":1,} | expecting value",
        "[1,] | expecting value",
        "[1} | expected separator in list",
        "[} | expecting value",
        "{\"a\":1] | expected separator in dict",
        "\"\\q\" | invalid escape sequence in string",
        "\"\\u00zz\" | \\u00zz is not a valid Unicode character",
        "\"\\u00e\" | `\\u00e\" is not a valid Unicode character`",
        "\"\\ud800\" | \\ud800 is not a valid Unicode character",
        "{\"execute\":\"x\",\"execute\":\"y\"} | duplicate key",
        "1e | stray '1e'",
    })
    void parse_malformed_givesQemusText(String input, String expected) {
        QmpException e = assertThrows(QmpException.class, () -> parse(input));

        assertEquals(new QmpError("GenericError", "JSON parse error, " + expected), e.error());
    }

    @Test
    void parse_invalidUtf8InString_givesQemusText() {
        QmpException e = assertThrows(QmpException.class, () -> parse("\"\u00c3(\""));

        assertEquals("JSON parse error, invalid UTF-8 sequence in string", e.getMessage());
    }

    @Test
    void parse_object_keepsMemberOrderAndTypes() throws QmpException {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("z", 1L);
        expected.put("a", List.of(true, false, 1.5));
        expected.put("n", null);
        expected.put("s", "it's");

        assertEquals(expected, parse("{\"z\": 1, \"a\": [true, false, 1.5], \"n\": null, 's': 'it\\'s'}"));
    }

    @Test
    void parse_numbersBeyondInt64_areUnsignedThenDouble() throws QmpException {
        assertEquals(new BigInteger("18446744073709551615"), parse("18446744073709551615"));
        assertEquals(1e20, parse("100000000000000000000"));
        assertEquals(-9223372036854775808L, parse("-9223372036854775808"));
    }

    @Test
    void parse_integersBeyondUint64_areDoubles() throws QmpException {
        assertEquals(new BigInteger("18446744073709551615"), parse("18446744073709551615"));
        assertEquals(-9223372036854775808L, parse("-9223372036854775808"));
        assertEquals(1.8446744073709552E19, parse("18446744073709551616"));
        assertEquals(1.0E20, parse("100000000000000000000"));
        assertEquals(-1.0E20, parse("-100000000000000000000"));
    }

    /** A megabyte of digits (BigInteger's parse is quadratic in them: QEMU's strtod is linear). */
    @Test
    void parse_megabyteOfDigits_isAnInfiniteDouble() throws QmpException {
        assertEquals(Double.POSITIVE_INFINITY, parse("9".repeat(1 << 20)));
    }
}
