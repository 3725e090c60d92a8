package io.emuhost.cli.internal.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.machine.CpuSpec;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.cli.internal.chardev.ChardevBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class CommandLineParserTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CommandLineParser parser = new CommandLineParser(new PrintStream(err, true, StandardCharsets.UTF_8), false);

    private Invocation parse(String... args) throws CommandLineException {
        return parser.parse(List.of(args));
    }

    private CommandLine run(String... args) throws CommandLineException {
        return assertInstanceOf(CommandLine.class, parse(args));
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void parse_seedCommandLine_givesMachineObjectDeviceAndMonitor() throws CommandLineException {
        CommandLine line = run("-m", "1G,slots=2,maxmem=16G",
                "-object", "memory-backend-file,id=mem1,share,mem-path=./virtio_pmem.img,size=4G",
                "-device", "virtio-pmem-pci,memdev=mem1,id=nv1", "-monitor", "stdio");

        assertEquals(new MachineSpec("pc", 1L << 30, 2, OptionalLong.of(16L << 30)), line.machine());
        assertEquals(List.of(new CreateRequest("-object", "memory-backend-file,id=mem1,share,mem-path=./virtio_pmem.img,size=4G",
                "memory-backend-file", Map.of("id", "mem1", "share", "on", "mem-path", "./virtio_pmem.img", "size", "4G"))),
                line.objects());
        assertEquals(List.of(new CreateRequest("-device", "virtio-pmem-pci,memdev=mem1,id=nv1", "virtio-pmem-pci",
                Map.of("memdev", "mem1", "id", "nv1"))), line.devices());
        assertEquals(List.of(MonitorProtocol.HMP), protocols(line));
        assertInstanceOf(ChardevBackend.Stdio.class, line.monitors().get(0).chardev().backend());
    }

    @Test
    void parse_shortFormBoolean_printsQemuWarningWithTheOption() throws CommandLineException {
        run("-object", "memory-backend-file,id=mem1,share,size=4G");

        assertEquals("emuhost: -object memory-backend-file,id=mem1,share,size=4G: warning: short-form boolean option "
                + "'share' deprecated\nPlease use share=on instead\n", stderr());
    }

    @Test
    void parse_unknownOption_isInvalid() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> parse("-foo"));

        assertEquals("invalid option", e.getMessage());
        assertEquals(Optional.of("-foo"), e.location());
    }

    @Test
    void parse_positionalArgument_isInvalid() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> parse("disk.img"));

        assertEquals(Optional.of("disk.img"), e.location());
    }

    @Test
    void parse_optionWithoutItsArgument_requiresOne() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> parse("-S", "-m"));

        assertEquals("requires an argument", e.getMessage());
        assertEquals(Optional.of("-m"), e.location());
    }

    @Test
    void parse_doubleDashOption_isTheSingleDashOne() throws CommandLineException {
        assertEquals(1, run("--object", "memory-backend-ram,id=r,size=1M").objects().size());
    }

    @Test
    void parse_objectHelp_asksForTheTypeList() throws CommandLineException {
        assertInstanceOf(HelpRequest.ObjectTypes.class, parse("-object", "help"));
    }

    @Test
    void parse_objectTypeHelp_asksForItsProperties() throws CommandLineException {
        assertEquals(new HelpRequest.ObjectProperties("-object memory-backend-file,help", "memory-backend-file"),
                parse("-object", "memory-backend-file,help"));
    }

    @Test
    void parse_deviceHelpForms_askForDriversOrProperties() throws CommandLineException {
        assertInstanceOf(HelpRequest.DeviceDrivers.class, parse("-device", "?"));
        assertEquals(new HelpRequest.DeviceProperties("-device virtio-pmem-pci,help", "virtio-pmem-pci"),
                parse("-device", "virtio-pmem-pci,help"));
    }

    @Test
    void parse_helpOption_stopsReadingLikeQemuExits() throws CommandLineException {
        assertInstanceOf(HelpRequest.Usage.class, parse("-h", "-bogus"));
        assertInstanceOf(HelpRequest.Version.class, parse("-version"));
        assertInstanceOf(HelpRequest.MachineTypes.class, parse("-machine", "help"));
    }

    @Test
    void parse_objectWithoutType_isMissingQomType() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> parse("-object", "id=x,size=1"));

        assertEquals("Parameter 'qom-type' is missing", e.getMessage());
    }

    @Test
    void parse_duplicateObjectId_isRefusedWhileReadingAtTheSecondOption() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> parse(
                "-object", "memory-backend-file,id=m,mem-path=a.img,size=1M",
                "-object", "memory-backend-ram,id=x,size=1M",
                "-object", "memory-backend-ram,id=m,size=1M",
                "-device", "virtio-pmem-pci,memdev=nosuch,id=nosuch"));

        assertEquals(Optional.of("-object memory-backend-ram,id=m,size=1M"), e.location());
        assertEquals("Duplicate ID 'm' for object", e.getMessage());
    }

    @Test
    void parse_duplicateDeviceId_isRefusedWhileReading() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> parse(
                "-device", "virtio-pmem-pci,memdev=m1,id=nv1", "-device", "virtio-pmem-pci,memdev=m2,id=nv1"));

        assertEquals(Optional.of("-device virtio-pmem-pci,memdev=m2,id=nv1"), e.location());
        assertEquals("Duplicate ID 'nv1' for device", e.getMessage());
    }

    @Test
    void parse_sameIdForAnObjectAndADevice_isFine() throws CommandLineException {
        CommandLine line = run("-object", "memory-backend-ram,id=a,size=1M", "-device", "virtio-rng-pci,id=a",
                "-device", "virtio-rng-pci", "-device", "virtio-rng-pci");

        assertEquals(3, line.devices().size(), "devices without an id are never duplicates");
    }

    @Test
    void parse_nographic_putsTheMonitorOnStdioUnlessNodefaults() throws CommandLineException {
        assertEquals(List.of(MonitorProtocol.HMP), protocols(run("-nographic")));
        assertEquals(List.of(), protocols(run("-nographic", "-nodefaults")));
        assertEquals(List.of(), protocols(run()));
        assertEquals(List.of(), protocols(run("-nographic", "-monitor", "none")));
        assertEquals(List.of(MonitorProtocol.HMP), protocols(run("-nodefaults", "-monitor", "stdio")));
    }

    private static List<MonitorProtocol> protocols(CommandLine line) {
        return line.monitors().stream().map(MonitorSpec::protocol).toList();
    }

    @Test
    void parse_acceptedOptions_changeNothingElse() throws CommandLineException {
        CommandLine line = run("-machine", "pc", "-nodefaults", "-display", "none", "-nographic", "-S",
                "-serial", "none", "-enable-kvm", "-accel", "kvm", "-name", "guest=vm1");

        assertTrue(line.startPaused());
        assertEquals(Optional.of("vm1"), line.name());
        assertEquals(MachineSpec.defaults(), line.machine());
    }

    @Test
    void parse_machineAliasesAndAccel_selectPc() throws CommandLineException {
        assertEquals("pc", run("-M", "pc-i440fx-7.2").machine().type());
        assertEquals("pc", run("-machine", "type=pc,accel=kvm").machine().type());
    }

    @Test
    void parse_otherMachineType_isUnsupportedWithHint() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> parse("-machine", "q35"));

        assertEquals("unsupported machine type", e.getMessage());
        assertEquals(List.of("Use -machine help to list supported machines"), e.hints());
    }

    @Test
    void parse_unknownMachineProperty_isInvalid() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> parse("-machine", "pc,usb=on"));

        assertEquals("Invalid parameter 'usb'", e.getMessage());
        assertEquals(Optional.of("-machine pc,usb=on"), e.location());
    }

    @Test
    void parse_displayOtherThanNone_isRejected() {
        CommandLineException e = assertThrows(CommandLineException.class, () -> parse("-display", "gtk"));

        assertEquals("Parameter 'type' does not accept value 'gtk'", e.getMessage());
    }

    @Test
    void parse_memoryCheck_happensAfterAllOptions() {
        CommandLineException e = assertThrows(CommandLineException.class,
                () -> parse("-m", "1G,slots=2", "-m", "maxmem=512M"));

        assertEquals("invalid value of maxmem: maximum memory size (0x20000000) must be at least the initial "
                + "memory size (0x40000000)", e.getMessage());
    }

    @Test
    void parse_cpuWithPhysBits_travelsInTheMachineSpec() throws CommandLineException {
        CommandLine line = run("-m", "1G,slots=2,maxmem=2T", "-cpu", "qemu64,phys-bits=48");

        assertEquals(new MachineSpec("pc", 1L << 30, 2, OptionalLong.of(2L << 40),
                new CpuSpec("qemu64", 48, false, "AuthenticAMD", true)), line.machine());
    }

    @Test
    void parse_withoutCpu_isQemu64With40Bits() throws CommandLineException {
        assertEquals(CpuSpec.defaults(), run("-m", "1G,slots=2,maxmem=2T").machine().cpu());
        assertEquals(40, run().machine().cpu().physBits());
    }

    @Test
    void parse_lastCpuWins_andIsCheckedAfterAllOptions() throws CommandLineException {
        assertEquals("EPYC", run("-cpu", "xyz", "-cpu", "EPYC").machine().cpu().model());
        CommandLineException e = assertThrows(CommandLineException.class, () -> parse("-cpu", "xyz", "-m", "1G"));
        assertEquals("unable to find CPU model 'xyz'", e.getMessage());
        assertEquals("emuhost: unable to find CPU model 'xyz'\n", printed(e));
    }

    @Test
    void parse_hostPhysBits_readsTheHostOnlyThen() throws CommandLineException {
        HostCpu host = new HostCpu(OptionalInt.of(52), Optional.of("AuthenticAMD"), "test");
        int[] reads = new int[1];
        CommandLineParser withHost = new CommandLineParser(new PrintStream(err, true, StandardCharsets.UTF_8), false,
                () -> {
                    reads[0]++;
                    return host;
                });

        assertEquals(40, assertInstanceOf(CommandLine.class, withHost.parse(List.of("-cpu", "qemu64")))
                .machine().cpu().physBits());
        assertEquals(0, reads[0]);
        assertEquals(52, assertInstanceOf(CommandLine.class, withHost.parse(List.of("-cpu", "qemu64,host-phys-bits=on")))
                .machine().cpu().physBits());
        assertEquals(1, reads[0]);
    }

    @Test
    void parse_cpuHelp_listsTheModels() throws CommandLineException {
        assertInstanceOf(HelpRequest.CpuModels.class, parse("-cpu", "help", "-m", "1G"));
        assertInstanceOf(HelpRequest.CpuModels.class, parse("-cpu", "?"));
    }

    private static String printed(CommandLineException e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        e.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
