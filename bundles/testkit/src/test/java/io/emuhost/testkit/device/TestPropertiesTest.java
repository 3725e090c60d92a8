package io.emuhost.testkit.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.OnOffAuto;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TestPropertiesTest {

    @Test
    void string_missing_throwsQemuMissingParameter() {
        var e = assertThrows(ConfigurationException.class, () -> TestProperties.of().string("mem-path"));

        assertEquals("Parameter 'mem-path' is missing", e.getMessage());
    }

    @Test
    void stringAndHas_presentValue() throws Exception {
        TestProperties p = TestProperties.of("memdev", "mem1");

        assertEquals("mem1", p.string("memdev"));
        assertTrue(p.has("memdev"));
        assertFalse(p.has("memaddr"));
        assertEquals(Optional.empty(), p.optionalString("memaddr"));
    }

    @Test
    void size_suffixes_arePowersOf1024() throws Exception {
        TestProperties p = TestProperties.of("a", "4K", "b", "64M", "c", "4G", "d", "1t", "e", "100");

        assertEquals(4096, p.size("a").getAsLong());
        assertEquals(64L << 20, p.size("b").getAsLong());
        assertEquals(4L << 30, p.size("c").getAsLong());
        assertEquals(1L << 40, p.size("d").getAsLong());
        assertEquals(100, p.size("e").getAsLong());
    }

    @Test
    void size_hexAndLeadingZero_parseAsQemu() throws Exception {
        TestProperties p = TestProperties.of("hex", "0x1000", "zero", "010");

        assertEquals(0x1000, p.size("hex").getAsLong());
        assertEquals(10, p.size("zero").getAsLong());
    }

    @Test
    void size_fractionWithSuffix_isAccepted() throws Exception {
        assertEquals(1610612736L, TestProperties.of("size", "1.5G").size("size").getAsLong());
    }

    @Test
    void size_hexWithSuffix_warnsDeprecated() throws Exception {
        TestProperties p = TestProperties.of("size", "0x1M");

        assertEquals(1L << 20, p.size("size").getAsLong());
        assertEquals(List.of("Using a multiplier suffix on hex numbers is deprecated: 0x1M"), p.warnings());
    }

    @ParameterizedTest
    @ValueSource(strings = {"256MB", "4KiB", "1.5", "abc", "-5", "1 M", "16E"})
    void size_malformed_throwsExpectsSizeValue(String bad) {
        var e = assertThrows(ConfigurationException.class, () -> TestProperties.of("size", bad).size("size"));

        assertEquals("Parameter 'size' expects a size value", e.getMessage());
    }

    @Test
    void size_absent_isEmpty() throws Exception {
        assertEquals(OptionalLong.empty(), TestProperties.of().size("size"));
    }

    @Test
    void uint64_decimalHexAndTopBit() throws Exception {
        TestProperties p = TestProperties.of("a", "4294967296", "b", "0x100000000", "c", "18446744073709551615");

        assertEquals(1L << 32, p.uint64("a").getAsLong());
        assertEquals(1L << 32, p.uint64("b").getAsLong());
        assertEquals(-1L, p.uint64("c").getAsLong());
    }

    @Test
    void uint64_minusOne_wrapsLikeStrtoull() throws Exception {
        assertEquals(-1L, TestProperties.of("memaddr", "-1").uint64("memaddr").getAsLong());
    }

    @Test
    void uint64_withSuffix_throwsExpectsInteger() {
        var e = assertThrows(ConfigurationException.class, () -> TestProperties.of("memaddr", "4G").uint64("memaddr"));

        assertEquals("Parameter 'memaddr' expects integer", e.getMessage());
    }

    @Test
    void bool_onOffAndDefault() throws Exception {
        TestProperties p = TestProperties.of("share", "on", "readonly", "off", "pmem", "yes");

        assertTrue(p.bool("share", false));
        assertFalse(p.bool("readonly", true));
        assertTrue(p.bool("pmem", false));
        assertTrue(p.bool("absent", true));
    }

    @Test
    void bool_malformed_throwsExpectsOnOrOff() {
        var e = assertThrows(ConfigurationException.class, () -> TestProperties.of("share", "maybe").bool("share", false));

        assertEquals("Parameter 'share' expects 'on' or 'off'", e.getMessage());
    }

    @Test
    void onOffAuto_valuesAbsentAndMalformed() throws Exception {
        TestProperties p = TestProperties.of("x", "off", "y", "sometimes");

        assertEquals(OnOffAuto.OFF, p.onOffAuto("x"));
        assertEquals(OnOffAuto.AUTO, p.onOffAuto("absent"));
        var e = assertThrows(ConfigurationException.class, () -> p.onOffAuto("y"));
        assertEquals("Parameter 'y' does not accept value 'sometimes'", e.getMessage());
    }

    @Test
    void warn_recordsMessagesInOrder() {
        TestProperties p = TestProperties.of();

        p.warn("first");
        p.warn("second");

        assertEquals(List.of("first", "second"), p.warnings());
    }

    @Test
    void of_oddArgumentCount_throwsIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> TestProperties.of("memdev"));
    }
}
