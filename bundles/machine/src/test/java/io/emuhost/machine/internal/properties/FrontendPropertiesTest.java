package io.emuhost.machine.internal.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.OnOffAuto;
import io.emuhost.api.machine.Frontend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrontendPropertiesTest {

    private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();

    private FrontendProperties properties(Frontend frontend, String key, Object value) {
        Map<String, Object> values = new HashMap<>();
        values.put(key, value);
        return new FrontendProperties(values, frontend, new PrintStream(diagnostics, true, StandardCharsets.UTF_8));
    }

    private static String failure(Executable access) {
        return assertThrows(ConfigurationException.class, access).getMessage();
    }

    private String diagnostics() {
        return diagnostics.toString(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @CsvSource({
        "1024, 1024", "0x1000, 4096", "0X10, 16", "010, 10", "2b, 2", "2B, 2", "1k, 1024", "1K, 1024",
        "4M, 4194304", "1G, 1073741824", "1T, 1099511627776", "1P, 1125899906842624", "1E, 1152921504606846976",
        "1.5G, 1610612736", "1.5M, 1572864", "0.5K, 512", "1.0, 1", "18446744073709551615, -1"})
    void size_keyvalSyntax_isAcceptedOnCommandLineAndHmp(String text, long expected) throws Exception {
        assertEquals(OptionalLong.of(expected), properties(Frontend.COMMAND_LINE, "size", text).size("size"));
        assertEquals(OptionalLong.of(expected), properties(Frontend.HMP, "size", text).size("size"));
        assertEquals("", diagnostics());
    }

    @ParameterizedTest
    @ValueSource(strings = {"256MB", "4KB", "4KiB", "1e6", "0.5", "1.5", "1 M", "-5", "abc", "", "0x", "1.5e3G",
        "18446744073709551616", "16E"})
    void size_rejectedOnCommandLine_expectsASizeValue(String text) {
        assertEquals("Parameter 'size' expects a size value",
                failure(() -> properties(Frontend.COMMAND_LINE, "size", text).size("size")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"256MB", "4KB", "4KiB", "1e6", "0.5", "1.5", "1 M", "-5", "abc"})
    void size_rejectedOnHmp_expectsSize(String text) {
        assertEquals("Parameter 'size' expects size", failure(() -> properties(Frontend.HMP, "size", text).size("size")));
    }

    @Test
    void size_hexWithSuffix_isAcceptedWithDeprecationWarning() throws Exception {
        OptionalLong size = properties(Frontend.COMMAND_LINE, "size", "0x1M").size("size");

        assertEquals(OptionalLong.of(1L << 20), size);
        assertEquals("warning: Using a multiplier suffix on hex numbers is deprecated: 0x1M\n", diagnostics());
    }

    @Test
    void size_onQmp_takesAJsonInteger() throws Exception {
        assertEquals(OptionalLong.of(268435456L), properties(Frontend.QMP, "size", 268435456L).size("size"));
        assertEquals(OptionalLong.of(-1L), properties(Frontend.QMP, "size", -1L).size("size"));
    }

    @Test
    void size_stringOnQmp_expectsUint64() {
        assertEquals("Parameter 'size' expects uint64",
                failure(() -> properties(Frontend.QMP, "size", "1G").size("size")));
    }

    @Test
    void size_typedOnConfiguration_isTaken() throws Exception {
        assertEquals(OptionalLong.of(4096), properties(Frontend.CONFIGURATION, "size", 4096).size("size"));
        assertEquals(OptionalLong.of(1L << 30), properties(Frontend.CONFIGURATION, "size", "1G").size("size"));
    }

    @Test
    void size_absent_isEmpty() throws Exception {
        assertEquals(OptionalLong.empty(), properties(Frontend.QMP, "other", 1L).size("size"));
    }

    @ParameterizedTest
    @CsvSource({"4294967296, 4294967296", "0x100000000, 4294967296", "-1, -1", "010, 8"})
    void uint64_keyval_takesCIntegers(String text, long expected) throws Exception {
        assertEquals(OptionalLong.of(expected), properties(Frontend.COMMAND_LINE, "memaddr", text).uint64("memaddr"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4G", "abc", "", "0x", "1.5", "18446744073709551616"})
    void uint64_keyvalMalformed_expectsInteger(String text) {
        assertEquals("Parameter 'memaddr' expects integer",
                failure(() -> properties(Frontend.HMP, "memaddr", text).uint64("memaddr")));
    }

    @Test
    void uint64_stringOnQmp_expectsUint64() {
        assertEquals("Parameter 'memaddr' expects uint64",
                failure(() -> properties(Frontend.QMP, "memaddr", "4G").uint64("memaddr")));
    }

    @ParameterizedTest
    @CsvSource({"on, true", "yes, true", "true, true", "off, false", "no, false", "false, false"})
    void bool_keyvalWords_areAccepted(String text, boolean expected) throws Exception {
        assertEquals(expected, properties(Frontend.COMMAND_LINE, "share", text).bool("share", !expected));
    }

    @Test
    void bool_keyvalOtherWord_expectsOnOrOff() {
        assertEquals("Parameter 'share' expects 'on' or 'off'",
                failure(() -> properties(Frontend.COMMAND_LINE, "share", "maybe").bool("share", false)));
    }

    @Test
    void bool_qmp_takesJsonBooleansOnly() throws Exception {
        assertTrue(properties(Frontend.QMP, "share", true).bool("share", false));
        assertEquals("Invalid parameter type for 'share', expected: boolean",
                failure(() -> properties(Frontend.QMP, "share", "on").bool("share", false)));
    }

    @Test
    void bool_jsonNullOnQmp_isATypeErrorNotTheDefault() {
        assertEquals("Invalid parameter type for 'share', expected: boolean",
                failure(() -> properties(Frontend.QMP, "share", null).bool("share", false)));
    }

    @Test
    void bool_absent_isTheDefault() throws Exception {
        assertTrue(properties(Frontend.HMP, "other", "x").bool("share", true));
    }

    @Test
    void bareKey_readsOnWithQemusDeprecationLines() throws Exception {
        FrontendProperties properties = properties(Frontend.COMMAND_LINE, "share", null);

        assertTrue(properties.bool("share", false));
        assertEquals("warning: short-form boolean option 'share' deprecated\nPlease use share=on instead\n",
                diagnostics());
    }

    @Test
    void string_missing_isReportedAsMissing() {
        assertEquals("Parameter 'mem-path' is missing",
                failure(() -> properties(Frontend.COMMAND_LINE, "size", "1G").string("mem-path")));
    }

    @Test
    void string_nonStringOnQmp_expectsString() {
        assertEquals("Invalid parameter type for 'mem-path', expected: string",
                failure(() -> properties(Frontend.QMP, "mem-path", 5L).string("mem-path")));
    }

    @Test
    void onOffAuto_parsesTheThreeWordsAndRejectsOthers() throws Exception {
        assertEquals(OnOffAuto.ON, properties(Frontend.COMMAND_LINE, "rom", "on").onOffAuto("rom"));
        assertEquals(OnOffAuto.AUTO, properties(Frontend.COMMAND_LINE, "x", "on").onOffAuto("rom"));
        assertEquals("Parameter 'rom' does not accept value 'yes'",
                failure(() -> properties(Frontend.QMP, "rom", "yes").onOffAuto("rom")));
    }

    @Test
    void warn_printsAWarningLine() {
        properties(Frontend.QMP, "x", 1L).warn("something odd");

        assertEquals("warning: something odd\n", diagnostics());
    }

    @Test
    void has_tellsPresence() {
        FrontendProperties properties = properties(Frontend.HMP, "size", "1G");

        assertTrue(properties.has("size"));
        assertFalse(properties.has("share"));
    }
}
