package io.emuhost.monitor.internal.hmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.machine.Frontend;
import io.emuhost.api.monitor.ArgumentSpec;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.monitor.internal.ParsedArguments;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** HMP argument types against QEMU 7.2's {@code monitor_parse_arguments} texts. */
class HmpArgumentParserTest {

    private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();

    private ParsedArguments parse(String text, ArgumentSpec... arguments) throws HmpSyntaxException {
        CommandSpec spec = new CommandSpec(Optional.empty(), Optional.of("cmd|c"), false, "", "", List.of(arguments),
                false);
        return HmpArgumentParser.parse(spec, new HmpWords(text, 0),
                new PrintStream(diagnostics, true, StandardCharsets.UTF_8));
    }

    private String error(String text, ArgumentSpec... arguments) {
        return assertThrows(HmpSyntaxException.class, () -> parse(text, arguments)).monitorLine().orElse(null);
    }

    private static ArgumentSpec required(String name, ArgumentType type) {
        return new ArgumentSpec(name, type, false, "");
    }

    private static ArgumentSpec optional(String name, ArgumentType type) {
        return new ArgumentSpec(name, type, true, "");
    }

    @Test
    void string_plainOrQuotedWithEscapes() throws HmpSyntaxException {
        ParsedArguments parsed = parse(" one \"two \\\"2\\\"\\n\"", required("a", ArgumentType.STRING),
                required("b", ArgumentType.STRING));

        assertEquals(Map.of("a", "one", "b", "two \"2\"\n"), parsed.values());
        assertEquals(Frontend.HMP, parsed.frontend());
    }

    @Test
    void string_missingOrBadlyQuoted_isStringExpectedWithTheFullName() {
        assertEquals("cmd|c: string expected", error("  ", required("a", ArgumentType.STRING)));
        assertEquals("cmd|c: string expected", error("\"open", required("a", ArgumentType.STRING)));
        assertEquals("cmd|c: string expected", error("\"bad \\x\"", required("a", ArgumentType.STRING)));
    }

    @Test
    void optionalArguments_mayBeLeftOut() throws HmpSyntaxException {
        ParsedArguments parsed = parse("", optional("a", ArgumentType.STRING), optional("n", ArgumentType.INTEGER),
                optional("r", ArgumentType.REST));

        assertEquals(Map.of(), parsed.values());
        assertTrue(parsed.string("a").isEmpty());
    }

    @Test
    void integer_decimalHexOctalAndSigned() throws HmpSyntaxException {
        ArgumentSpec[] four = {required("a", ArgumentType.INTEGER), required("b", ArgumentType.INTEGER),
                required("c", ArgumentType.INTEGER), required("d", ArgumentType.INTEGER)};

        assertEquals(Map.of("a", 12L, "b", 16L, "c", 8L, "d", -5L), parse("12 0x10 010 - 5", four).values());
    }

    @Test
    void integer_errors_haveQemusExpressionTexts() {
        assertEquals("invalid char 'x' in expression", error("xyz", required("a", ArgumentType.INTEGER)));
        assertEquals("unexpected end of expression", error("", required("a", ArgumentType.INTEGER)));
        assertEquals("number too large", error("99999999999999999999999", required("a", ArgumentType.INTEGER)));
        assertEquals("cmd|c: extraneous characters at the end of line",
                error("12abc", required("a", ArgumentType.INTEGER)));
    }

    @Test
    void size_takesSuffixesAndRejectsJunk() throws HmpSyntaxException {
        assertEquals(Map.of("s", 4096L), parse("4K", required("s", ArgumentType.SIZE)).values());
        assertEquals("invalid size", error("4X", required("s", ArgumentType.SIZE)));
    }

    @Test
    void bool_isOnOrOff() throws HmpSyntaxException {
        assertEquals(Map.of("b", true), parse("on", required("b", ArgumentType.BOOLEAN)).values());
        assertEquals(Map.of("b", false), parse("off", required("b", ArgumentType.BOOLEAN)).values());
        assertEquals("Expected 'on' or 'off'", error("yes", required("b", ArgumentType.BOOLEAN)));
    }

    @Test
    void keyval_impliesItsNameAndTurnsHelpIntoAKey() throws HmpSyntaxException {
        ParsedArguments parsed = parse("drv,a=1,b=x,,y,help", new ArgumentSpec("driver", ArgumentType.KEYVAL, false,
                ""));

        assertEquals(Map.of("driver", "drv", "a", "1", "b", "x,y", "help", "on"), parsed.extra());
    }

    @Test
    void keyval_absent_isNoError() throws HmpSyntaxException {
        assertEquals(Map.of(), parse("  ", new ArgumentSpec("driver", ArgumentType.KEYVAL, false, "")).extra());
    }

    @Test
    void keyval_shortFormAndErrors_goToStderrAsInQemu() throws HmpSyntaxException {
        assertEquals(Map.of("driver", "d", "share", "off"),
                parse("d,noshare", new ArgumentSpec("driver", ArgumentType.KEYVAL, true, "")).extra());
        assertEquals("warning: short-form boolean option 'noshare' deprecated\nPlease use share=off instead\n",
                diagnostics.toString(StandardCharsets.UTF_8));

        diagnostics.reset();
        assertEquals(null, error("d,=x", new ArgumentSpec("driver", ArgumentType.KEYVAL, true, "")));
        assertEquals("Invalid parameter ''\n", diagnostics.toString(StandardCharsets.UTF_8));
    }

    @Test
    void rest_keepsEverythingButLeadingSpaces() throws HmpSyntaxException {
        assertEquals(Map.of("w", "a", "r", "b  c "),
                parse(" a  b  c ", required("w", ArgumentType.STRING), required("r", ArgumentType.REST)).values());
        assertEquals("cmd|c: string expected", error(" ", required("r", ArgumentType.REST)));
    }

    @Test
    void leftovers_areExtraneous() {
        assertEquals("cmd|c: extraneous characters at the end of line",
                error("a b", required("a", ArgumentType.STRING)));
    }

    @Test
    void longWord_isCutAt1023CharactersAsQemusBuffer() throws HmpSyntaxException {
        assertEquals("w".repeat(HmpWords.MAX_WORD),
                parse("w".repeat(2000), required("a", ArgumentType.STRING)).string("a").orElseThrow());
    }
}
