package io.emuhost.cli.internal.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.machine.CpuSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** -cpu as QEMU 7.2 resolves it; every message below was observed from qemu-system-x86_64 7.2. */
class CpuOptionTest {

    private static final CpuModels MODELS = CpuModels.load();
    private static final HostCpu HOST = new HostCpu(OptionalInt.of(46), Optional.of("GenuineIntel"), "test");
    private static final HostCpu NO_HOST = new HostCpu(OptionalInt.empty(), Optional.empty(), "/nowhere/cpuinfo");

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicInteger hostReads = new AtomicInteger();

    private CpuSpec resolve(String argument, HostCpu host) throws CommandLineException {
        Supplier<HostCpu> counted = () -> {
            hostReads.incrementAndGet();
            return host;
        };
        return new CpuOption("-cpu " + argument, argument).resolve(MODELS, counted,
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private CpuSpec resolve(String argument) throws CommandLineException {
        return resolve(argument, HOST);
    }

    private String error(String argument) {
        CommandLineException e = assertThrows(CommandLineException.class, () -> resolve(argument));
        assertEquals(Optional.empty(), e.location(), "QEMU reports -cpu errors without a location");
        return e.getMessage();
    }

    @Test
    void resolve_qemu64_isQemusDefault() throws Exception {
        assertEquals(CpuSpec.defaults(), resolve("qemu64"));
        assertEquals(0, hostReads.get(), "a named model without host-phys-bits never reads the host");
    }

    @Test
    void resolve_physBits48_widensTheAddressSpace() throws Exception {
        assertEquals(new CpuSpec("qemu64", 48, false, "AuthenticAMD", true), resolve("qemu64,phys-bits=48"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "qemu64,phys-bits=0x30;48", "qemu64,phys-bits=+48;48", "qemu64,phys-bits= 48;48",
        "qemu64,phys-bits=0;40", "qemu64,phys-bits=32;32", "qemu64,phys-bits=52;52",
        "qemu64,phys-bits=48,phys-bits=41;41", "qemu64,,phys-bits=48,;48", "qemu64,;40",
        "qemu64,+sse,-sse2,sse4_1=on,model-id=x,level=13;40", "max;40", "kvm64,phys-bits=44;44"})
    void resolve_physBitsAsQemusStringVisitorReadsIt(String argument, int bits) throws Exception {
        assertEquals(bits, resolve(argument).physBits());
    }

    @Test
    void resolve_namedModels_carryQemusVendorAndWidth() throws Exception {
        assertEquals(new CpuSpec("EPYC", 40, false, "AuthenticAMD", true), resolve("EPYC"));
        assertEquals(new CpuSpec("Skylake-Server-v4", 40, false, "GenuineIntel", true), resolve("Skylake-Server-v4"));
        assertEquals(new CpuSpec("Dhyana", 40, false, "HygonGenuine", true), resolve("Dhyana"));
        assertEquals(new CpuSpec("qemu32", 32, false, "GenuineIntel", false), resolve("qemu32"));
        assertEquals(new CpuSpec("pentium3", 36, false, "GenuineIntel", false), resolve("pentium3"));
        assertEquals(new CpuSpec("base", 32, false, "", false), resolve("base"));
        assertEquals("GenuineIntel", resolve("qemu64,vendor=GenuineIntel").vendor());
    }

    @Test
    void resolve_hostPhysBits_takesTheHostsWidth() throws Exception {
        assertEquals(new CpuSpec("qemu64", 46, true, "AuthenticAMD", true), resolve("qemu64,host-phys-bits=on"));
        assertEquals(46, resolve("qemu64,phys-bits=40,host-phys-bits=yes").physBits(), "the host wins, as in QEMU");
        assertEquals(39, resolve("qemu64,host-phys-bits,host-phys-bits-limit=39").physBits());
        assertEquals(46, resolve("qemu64,host-phys-bits=on,host-phys-bits-limit=48").physBits());
        assertEquals(40, resolve("qemu64,host-phys-bits=off").physBits());
    }

    @Test
    void resolve_host_isTheHostsCpuWithItsWidth() throws Exception {
        assertEquals(new CpuSpec("host", 46, true, "GenuineIntel", true), resolve("host"));
        assertEquals(new CpuSpec("host", 48, false, "GenuineIntel", true), resolve("host,host-phys-bits=off,phys-bits=48"));
        assertEquals("host-x86_64-cpu", resolve("host").qomType());
    }

    @Test
    void resolve_hostWidthUnknown_fallsBackWithAWarning() throws Exception {
        assertEquals(new CpuSpec("qemu64", 40, false, "AuthenticAMD", true), resolve("qemu64,host-phys-bits=on", NO_HOST));
        assertEquals("emuhost: -cpu qemu64,host-phys-bits=on: warning: host-phys-bits=on: no 'address sizes' line in "
                + "/nowhere/cpuinfo; using phys-bits 40\n", err.toString(StandardCharsets.UTF_8));
        assertEquals(44, resolve("host,phys-bits=44", NO_HOST).physBits());
        assertEquals("", resolve("host", NO_HOST).vendor());
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '"', value = {
        "xyz;unable to find CPU model 'xyz'",
        "QEMU64;unable to find CPU model 'QEMU64'",
        "\",phys-bits=48\";unable to find CPU model ''",
        "qemu64,phys-bits=53;phys-bits should be between 32 and 52  (but is 53)",
        "qemu64,phys-bits=31;phys-bits should be between 32 and 52  (but is 31)",
        "qemu64,phys-bits=4294967295;phys-bits should be between 32 and 52  (but is 4294967295)",
        "qemu64,phys-bits=abc;can't apply global qemu64-x86_64-cpu.phys-bits=abc: Parameter 'phys-bits' expects uint64",
        "qemu64,phys-bits=048;can't apply global qemu64-x86_64-cpu.phys-bits=048: Parameter 'phys-bits' expects uint64",
        "qemu64,phys-bits=;can't apply global qemu64-x86_64-cpu.phys-bits=: Parameter 'phys-bits' expects uint64",
        "qemu64,phys-bits;can't apply global qemu64-x86_64-cpu.phys-bits=on: Parameter 'phys-bits' expects uint64",
        "qemu64,phys-bits=-1;can't apply global qemu64-x86_64-cpu.phys-bits=-1: Parameter 'phys-bits' expects uint32_t",
        "qemu64,phys-bits=99999999999;can't apply global qemu64-x86_64-cpu.phys-bits=99999999999: "
                + "Parameter 'phys-bits' expects uint32_t",
        "qemu64,host-phys-bits=maybe;can't apply global qemu64-x86_64-cpu.host-phys-bits=maybe: "
                + "Parameter 'host-phys-bits' expects 'on' or 'off'",
        "qemu64,host-phys-bits=;can't apply global qemu64-x86_64-cpu.host-phys-bits=: "
                + "Parameter 'host-phys-bits' expects 'on' or 'off'",
        "qemu64,host-phys-bits-limit=256;can't apply global qemu64-x86_64-cpu.host-phys-bits-limit=256: "
                + "Parameter 'host-phys-bits-limit' expects uint8_t",
        "qemu64,sse=maybe;can't apply global qemu64-x86_64-cpu.sse=maybe: Parameter 'sse' expects 'on' or 'off'",
        "qemu64,level=abc;can't apply global qemu64-x86_64-cpu.level=abc: Parameter 'level' expects uint64",
        "qemu64,vendor=Intel;can't apply global qemu64-x86_64-cpu.vendor=Intel: Property '.vendor' doesn't take value 'Intel'",
        "qemu64,foo=1;can't apply global qemu64-x86_64-cpu.foo=1: Property 'qemu64-x86_64-cpu.foo' not found",
        "qemu64,help;can't apply global qemu64-x86_64-cpu.help=on: Property 'qemu64-x86_64-cpu.help' not found",
        "qemu64,=x;can't apply global qemu64-x86_64-cpu.=x: Property 'qemu64-x86_64-cpu.' not found",
        "qemu64,+foo;Property 'qemu64-x86_64-cpu.foo' not found",
        "qemu64,-foo;Property 'qemu64-x86_64-cpu.foo' not found",
        "qemu64,+phys-bits;Parameter 'phys-bits' expects uint64",
        "qemu32,phys-bits=40;phys-bits is not user-configurable in 32 bit"})
    void resolve_badInput_failsWithQemusWording(String argument, String message) {
        assertEquals(message, error(argument));
    }

    @Test
    void resolve_empty_cannotBeEmpty() {
        assertEquals("-cpu option cannot be empty", error(""));
    }

    @Test
    void resolve_globalsFailBeforePlusMinusFlags() {
        assertEquals("can't apply global qemu64-x86_64-cpu.bar=1: Property 'qemu64-x86_64-cpu.bar' not found",
                error("qemu64,+foo,bar=1"));
    }

    @Test
    void hostCpu_readsAddressSizesAndVendorOfTheFirstCpu() {
        HostCpu host = HostCpu.parse(List.of("processor\t: 0", "vendor_id\t: AuthenticAMD",
                "address sizes\t: 43 bits physical, 48 bits virtual", "processor\t: 1", "vendor_id\t: GenuineIntel",
                "address sizes\t: 48 bits physical, 57 bits virtual"), "x");

        assertEquals(OptionalInt.of(43), host.physBits());
        assertEquals(Optional.of("AuthenticAMD"), host.vendor());
    }

    @Test
    void hostCpu_withoutTheLines_isEmpty() {
        HostCpu arm = HostCpu.parse(List.of("processor\t: 0", "BogoMIPS\t: 50.00", "CPU implementer\t: 0x41"), "arm");
        HostCpu missing = HostCpu.read(Path.of("/nonexistent/cpuinfo"));

        assertFalse(arm.physBits().isPresent());
        assertFalse(arm.vendor().isPresent());
        assertFalse(missing.physBits().isPresent());
        assertTrue(missing.source().startsWith("/nonexistent/cpuinfo ("));
    }

    @Test
    void models_listQemus131NamesAndHost() {
        List<String> names = MODELS.names();

        assertEquals(132, names.size());
        assertEquals(List.of("base", "host", "max"), names.subList(129, 132));
        assertTrue(names.containsAll(List.of("qemu64", "kvm64", "EPYC-Rome", "Icelake-Server", "Opteron_G5")));
    }
}
