package io.emuhost.syntax.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LinePrefixStreamTest {

    @Test
    void write_prefixesEveryLineOnce() {
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        PrintStream stream = new PrintStream(new LinePrefixStream(target, "emuhost: "), true, StandardCharsets.UTF_8);

        stream.print("warning: a");
        stream.println(" b");
        stream.println("note: c");

        assertEquals("emuhost: warning: a b\nemuhost: note: c\n", target.toString(StandardCharsets.UTF_8));
    }
}
