package io.emuhost.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizeParserTest {

    @ParameterizedTest
    @CsvSource({"4096,4096", "4k,4096", "4K,4096", "1G,1073741824", "4G,4294967296", "1.5G,1610612736",
        "1.5M,1572864", "0x1000,4096", "010,10", "1b,1", "1T,1099511627776", "1.0,1"})
    void parse_qemuSizes_giveBytes(String text, long bytes) throws SizeSyntaxException {
        assertEquals(bytes, SizeParser.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"256MB", "4KB", "4KiB", "1e6", "0.5", "1.5", "1 M", "-5", "abc", "", "0x", "0x1M", "1.5e3G"})
    void parse_nonSizes_areInvalid(String text) {
        SizeSyntaxException e = assertThrows(SizeSyntaxException.class, () -> SizeParser.parse(text));

        assertFalse(e.outOfRange());
        assertEquals(text, e.value());
    }

    @Test
    void parse_sizeBeyond63Bits_isOutOfRange() {
        SizeSyntaxException e = assertThrows(SizeSyntaxException.class, () -> SizeParser.parse("16E"));

        assertTrue(e.outOfRange());
    }
}
