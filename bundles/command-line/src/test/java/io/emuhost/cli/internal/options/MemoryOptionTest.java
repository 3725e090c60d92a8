package io.emuhost.cli.internal.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.machine.MachineSpec;
import io.emuhost.syntax.KeyvalParser;
import io.emuhost.syntax.KeyvalSyntax;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MemoryOptionTest {

    private static final long GIB = 1L << 30;

    private static MemoryOption parse(String argument) throws Exception {
        return MemoryOption.parse(KeyvalParser.parse(argument, "size", KeyvalSyntax.QEMU_OPTS), "-m " + argument);
    }

    private static MachineSpec config(String argument) throws Exception {
        return parse(argument).toConfig("pc");
    }

    @Test
    void toConfig_seedOption_givesRamSlotsAndMaxmem() throws Exception {
        assertEquals(new MachineSpec("pc", GIB, 2, OptionalLong.of(16 * GIB)), config("1G,slots=2,maxmem=16G"));
    }

    @Test
    void toConfig_explicitSizeKey_isTheSameAsImplied() throws Exception {
        assertEquals(GIB, config("size=1G").ramSize());
    }

    @Test
    void toConfig_sizeWithoutSuffix_isMebibytes() throws Exception {
        assertEquals(GIB, config("1024").ramSize());
    }

    @Test
    void toConfig_sizeNotMultipleOf8K_isRoundedUp() throws Exception {
        assertEquals(16384, config("10000b").ramSize());
    }

    @Test
    void toConfig_noOptionOrZero_isTheDefault() throws Exception {
        assertEquals(MachineSpec.DEFAULT_RAM, MemoryOption.DEFAULT.toConfig("pc").ramSize());
        assertEquals(MachineSpec.DEFAULT_RAM, config("0").ramSize());
    }

    @Test
    void toConfig_slotsWithoutMaxmem_isRejectedWithoutLocation() throws Exception {
        CommandLineException e = assertThrows(CommandLineException.class, () -> config("1G,slots=2"));

        assertEquals("slots specified but no max-size", e.getMessage());
        assertEquals(Optional.empty(), e.location());
    }

    @Test
    void toConfig_maxmemBelowRam_isRejectedWithBothSizes() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> config("2G,maxmem=1G"));

        assertEquals("invalid value of maxmem: maximum memory size (0x40000000) must be at least the initial "
                + "memory size (0x80000000)", e.getMessage());
    }

    @Test
    void toConfig_slotsWithMaxmemEqualToRam_isRejected() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> config("1G,slots=1,maxmem=1G"));

        assertEquals("invalid value of maxmem: memory slots were specified but maximum memory size (0x40000000) "
                + "is equal to the initial memory size (0x40000000)", e.getMessage());
    }

    @Test
    void toConfig_tooManySlots_isRejected() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> config("1G,slots=257,maxmem=2G"));

        assertEquals("unsupported amount of memory slots: 257", e.getMessage());
    }

    @Test
    void parse_badSize_isRejectedAtTheOptionWithQemuHint() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> parse("1X"));

        assertEquals("Parameter 'size' expects a non-negative number below 2^64", e.getMessage());
        assertEquals(Optional.of("-m 1X"), e.location());
        assertEquals(List.of("Optional suffix k, M, G, T, P or E means kilo-, mega-, giga-, tera-, peta-",
                "and exabytes, respectively."), e.hints());
    }

    @Test
    void parse_badMaxmem_namesMaxmem() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> parse("1G,maxmem=lots"));

        assertEquals("Parameter 'maxmem' expects a non-negative number below 2^64", e.getMessage());
    }

    @Test
    void parse_badSlots_expectsANumber() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> parse("1G,slots=two"));

        assertEquals("Parameter 'slots' expects a number", e.getMessage());
    }

    @Test
    void parse_hexSlots_isANumber() throws Exception {
        assertEquals(OptionalLong.of(16), parse("1G,slots=0x10").slots());
    }

    @Test
    void parse_unknownKey_isAnInvalidParameter() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> parse("1G,bogus=1"));

        assertEquals("Invalid parameter 'bogus'", e.getMessage());
    }

    @Test
    void merge_laterOptionWinsPerKey() throws Exception {
        MemoryOption merged = parse("1G,maxmem=8G").merge(parse("maxmem=16G"));

        assertEquals(new MachineSpec("pc", GIB, 0, OptionalLong.of(16 * GIB)), merged.toConfig("pc"));
    }
}
