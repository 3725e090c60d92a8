package io.emuhost.monitor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.monitor.ArgumentSpec;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandSpec;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** QMP argument checking against QEMU 7.2's QObject input visitor texts. */
class QmpArgumentCheckerTest {

    private static final List<ArgumentSpec> TYPED = List.of(
            new ArgumentSpec("s", ArgumentType.STRING, false, ""),
            new ArgumentSpec("i", ArgumentType.INTEGER, true, ""),
            new ArgumentSpec("z", ArgumentType.SIZE, true, ""),
            new ArgumentSpec("b", ArgumentType.BOOLEAN, true, ""),
            new ArgumentSpec("r", ArgumentType.REST, true, ""));

    private static CommandSpec spec(List<ArgumentSpec> arguments, boolean extra) {
        return new CommandSpec(Optional.of("x-test"), Optional.empty(), false, "", "", arguments, extra);
    }

    private static String error(List<ArgumentSpec> arguments, Map<String, Object> members) {
        return assertThrows(ConfigurationException.class,
                () -> QmpArgumentChecker.check(spec(arguments, false), members)).getMessage();
    }

    @Test
    void typedMembers_becomeStringsLongsAndBooleans() throws ConfigurationException {
        ParsedArguments parsed = QmpArgumentChecker.check(spec(TYPED, false),
                Map.of("s", "x", "i", 7, "z", new BigInteger("18446744073709551615"), "b", true, "r", "rest"));

        assertEquals(Map.of("s", "x", "i", 7L, "z", -1L, "b", true, "r", "rest"), parsed.values());
        assertEquals(Frontend.QMP, parsed.frontend());
    }

    @Test
    void wrongJsonTypes_areInvalidParameterType() {
        assertEquals("Invalid parameter type for 's', expected: string", error(TYPED, Map.of("s", 5)));
        assertEquals("Invalid parameter type for 'i', expected: integer", error(TYPED, Map.of("s", "x", "i", "7")));
        assertEquals("Invalid parameter type for 'i', expected: integer", error(TYPED, Map.of("s", "x", "i", 1.5)));
        assertEquals("Invalid parameter type for 'b', expected: boolean", error(TYPED, Map.of("s", "x", "b", "on")));
        assertEquals("Invalid parameter type for 'r', expected: string", error(TYPED, Map.of("s", "x", "r", true)));
    }

    @Test
    void size_notAnUnsignedInteger_expectsUint64() {
        assertEquals("Parameter 'z' expects uint64", error(TYPED, Map.of("s", "x", "z", "4M")));
        assertEquals("Parameter 'z' expects uint64", error(TYPED, Map.of("s", "x", "z", 1.5)));
    }

    @Test
    void missingMember_isReportedBeforeLaterTypeErrors() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("i", "wrong");
        assertEquals("Parameter 's' is missing", error(TYPED, members));
    }

    @Test
    void nullMember_isTheWrongType() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("s", null);
        assertEquals("Invalid parameter type for 's', expected: string", error(TYPED, members));
    }

    @Test
    void undeclaredMember_isUnexpectedUnlessTheSpecTakesExtras() throws ConfigurationException {
        assertEquals("Parameter 'x' is unexpected", error(TYPED, Map.of("s", "a", "x", 1)));

        ParsedArguments parsed = QmpArgumentChecker.check(spec(TYPED, true), Map.of("s", "a", "x", 1));
        assertEquals(Map.of("x", 1), parsed.extra());
    }

    @Test
    void keyvalArgument_collectsEveryOtherMember() throws ConfigurationException {
        ParsedArguments parsed = QmpArgumentChecker.check(
                spec(List.of(new ArgumentSpec("driver", ArgumentType.KEYVAL, false, "")), false),
                Map.of("driver", "d", "id", 5));

        assertEquals(Map.of("driver", "d", "id", 5), parsed.extra());
        assertEquals(Map.of(), parsed.values());
    }
}
