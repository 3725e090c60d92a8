package io.emuhost.qtest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -qtest-log}: QEMU's line formats, to a file, to standard error, or nowhere. */
class QtestLogTest {

    private static final String T = "\\d+\\.\\d{6}";

    @TempDir
    Path dir;

    private List<String> session(Optional<String> target, PrintStream stderr, String... requests) throws Exception {
        try (QtestServer server = new QtestServer(new FakeMachine(), target, stderr, closed -> { })) {
            QtestConnection qtest = new QtestConnection(server);
            for (String request : requests) {
                qtest.exchange(request);
            }
            qtest.close();
        }
        return target.isPresent() && !target.get().equals("none")
                ? Files.readAllLines(Path.of(target.get()), StandardCharsets.ISO_8859_1) : List.of();
    }

    @Test
    void logFile_holdsOpenedRequestsRepliesAndClosedInQemusFormat() throws Exception {
        List<String> log = session(Optional.of(dir.resolve("qtest.log").toString()), System.err,
                "endianness", "readb 0x0");

        assertEquals(6, log.size(), log.toString());
        assertTrue(log.get(0).matches("\\[I " + T + "\\] OPENED"), log.get(0));
        assertTrue(log.get(1).matches("\\[R \\+" + T + "\\] endianness"), log.get(1));
        assertTrue(log.get(2).matches("\\[S \\+" + T + "\\] OK little"), log.get(2));
        assertTrue(log.get(3).matches("\\[R \\+" + T + "\\] readb 0x0"), log.get(3));
        assertTrue(log.get(4).matches("\\[S \\+" + T + "\\] OK 0x0000000000000000"), log.get(4));
        assertTrue(log.get(5).matches("\\[I \\+" + T + "\\] CLOSED"), log.get(5));
    }

    @Test
    void logFile_invalidArgumentSizeAndB64Mismatch_loggedAsQemuDoes() throws Exception {
        List<String> log = session(Optional.of(dir.resolve("qtest.log").toString()), System.err,
                "write 0 2 0x", "b64write 0 4 AQID");

        assertEquals("ERR invalid argument size", log.get(2));
        assertTrue(log.get(4).matches("\\[S \\+" + T + "\\] b64write: data length mismatch \\(told 4, found 3\\)"),
                log.get(4));
        assertTrue(log.get(5).matches("\\[S \\+" + T + "\\] OK"), log.get(5));
    }

    @Test
    void logFile_existingFile_isTruncated() throws Exception {
        Path file = dir.resolve("qtest.log");
        Files.writeString(file, "old contents\n".repeat(100));

        List<String> log = session(Optional.of(file.toString()), System.err);

        assertEquals(2, log.size(), log.toString());
    }

    @Test
    void noTarget_logsToStandardError() throws Exception {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        session(Optional.empty(), new PrintStream(stderr, true, StandardCharsets.ISO_8859_1), "endianness");

        String text = stderr.toString(StandardCharsets.ISO_8859_1);
        assertTrue(text.matches("(?s)\\[I " + T + "\\] OPENED\n\\[R \\+" + T + "\\] endianness\n\\[S \\+" + T
                + "\\] OK little\n\\[I \\+" + T + "\\] CLOSED\n"), text);
    }

    @Test
    void none_logsNothingAnywhere() throws Exception {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        session(Optional.of("none"), new PrintStream(stderr, true, StandardCharsets.ISO_8859_1), "endianness");

        assertEquals("", stderr.toString(StandardCharsets.ISO_8859_1));
        assertFalse(Files.exists(dir.resolve("none")));
    }
}
