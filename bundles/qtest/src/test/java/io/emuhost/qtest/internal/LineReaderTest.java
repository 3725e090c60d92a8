package io.emuhost.qtest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineReaderTest {

    private static LineReader reader(String input, int limit) {
        return new LineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.ISO_8859_1)), limit);
    }

    @Test
    void next_splitsAtNewlineOnlyAndKeepsCarriageReturns() throws IOException {
        LineReader lines = reader("a b\r\n\nc\n", 100);

        assertEquals(new LineReader.Line.Text("a b\r"), lines.next());
        assertEquals(new LineReader.Line.Text(""), lines.next());
        assertEquals(new LineReader.Line.Text("c"), lines.next());
        assertEquals(new LineReader.Line.End(), lines.next());
    }

    @Test
    void next_bytesAfterTheLastNewline_areNoRequest() throws IOException {
        LineReader lines = reader("readb 0\nread", 100);

        assertEquals(new LineReader.Line.Text("readb 0"), lines.next());
        assertEquals(new LineReader.Line.End(), lines.next());
    }

    @Test
    void next_lineOverTheLimit_isReportedOnceAndSkipped() throws IOException {
        LineReader lines = reader("x".repeat(20_000) + "\nok\n", 10);

        assertEquals(new LineReader.Line.TooLong(10), lines.next());
        assertEquals(new LineReader.Line.Text("ok"), lines.next());
    }

    @Test
    void next_lineOfExactlyTheLimit_isServed() throws IOException {
        LineReader lines = reader("0123456789\n", 10);

        assertEquals(new LineReader.Line.Text("0123456789"), lines.next());
    }

    @Test
    void next_highBytes_mapOneToOneToCharacters() throws IOException {
        LineReader lines = new LineReader(new ByteArrayInputStream(new byte[] {(byte) 0xff, 'a', '\n'}), 10);

        assertEquals(new LineReader.Line.Text("\u00ffa"), lines.next());
    }
}
