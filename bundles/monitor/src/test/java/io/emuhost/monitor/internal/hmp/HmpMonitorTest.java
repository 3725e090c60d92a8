package io.emuhost.monitor.internal.hmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.machine.Frontend;
import io.emuhost.api.monitor.ArgumentSpec;
import io.emuhost.api.monitor.ArgumentType;
import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.api.monitor.MonitorCommand;
import io.emuhost.monitor.internal.CommandRegistry;
import io.emuhost.monitor.internal.MonitorContext;
import io.emuhost.testkit.machine.FakeFactories;
import io.emuhost.testkit.machine.FakeMachine;
import io.emuhost.testkit.monitor.RecordingEvents;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The human monitor in plain mode over the command registry, against QEMU 7.2's texts. */
class HmpMonitorTest {

    private static final String BANNER = "emuhost 9.9 monitor - type 'help' for more information\n";

    private final FakeMachine machine = new FakeMachine();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
    private final RecordingEvents events = new RecordingEvents();
    private final List<MonitorCommand> contributed = new ArrayList<>();
    private VmStatus status = VmStatus.RUNNING;
    private int quits;

    private boolean run(String input) throws IOException {
        CommandRegistry registry = new CommandRegistry(new MonitorContext(machine, FakeFactories.standard(), events,
                new PrintStream(diagnostics, true, StandardCharsets.UTF_8), status, "9.9", Optional.of("vm1")),
                () -> contributed, () -> quits++);
        return registry.serveHmp(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), false);
    }

    /** The output of one command typed after the banner, without the prompts. */
    private String outputOf(String line) throws IOException {
        out.reset();
        run(line + "\n");
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith(BANNER + "(qemu) "), text);
        return text.substring((BANNER + "(qemu) ").length(), text.length() - "(qemu) ".length());
    }

    @Test
    void run_printsBannerAndPromptBeforeEachLine() throws IOException {
        run("info version\n");

        assertEquals(BANNER + "(qemu) 9.9\n(qemu) ", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void run_quit_endsTheSessionWithoutPromptAndAliasToo() throws IOException {
        assertTrue(run("quit\ninfo version\n"));
        assertEquals(BANNER + "(qemu) ", out.toString(StandardCharsets.UTF_8));
        assertTrue(run("q\n"));
        assertEquals(2, quits);
    }

    @Test
    void quit_asksForTheShutdownOnceAndLeavesTheEventToTheMachine() throws IOException {
        run("quit\n");

        assertEquals(1, quits);
        assertEquals(List.of(), events.events(), "the machine emits SHUTDOWN on the request, not the command");
    }

    @Test
    void run_endOfInput_endsWithoutQuit() throws IOException {
        assertFalse(run("info status\n"));
        assertEquals(0, quits);
    }

    @Test
    void run_lastLineWithoutNewline_isNotRun() throws IOException {
        run("info version");

        assertEquals(BANNER + "(qemu) ", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void help_listsTheCommandsSortedInQemuFormat() throws IOException {
        assertEquals("bundle_start name -- start a bundle\n"
                + "bundle_stop name -- stop a bundle (refused where a device or object would be lost)\n"
                + "bundle_update name [file] -- update a bundle from a jar, handing its devices over to the new version\n"
                + "device_add driver[,prop=value][,...] -- add device, like -device on the command line\n"
                + "device_del device -- remove device\n"
                + "help|? [cmd] -- show the help\n"
                + "info [subcommand] -- show various information about the system state\n"
                + "object_add [qom-type=]type,id=str[,prop=value][,...] -- create QOM object\n"
                + "object_del id -- destroy QOM object\n"
                + "quit|q  -- quit the emulator\n", outputOf("help"));
    }

    @Test
    void help_oneCommandOrSubcommand_printsItsLine() throws IOException {
        assertEquals("quit|q  -- quit the emulator\n", outputOf("? quit"));
        assertEquals("info memdev  -- show memory backends\n", outputOf("help info memdev"));
        assertEquals("info memdev  -- show memory backends\n", outputOf("help info memdev extra words"));
    }

    @Test
    void help_moreThan16Words_printsNothing() throws IOException {
        assertEquals("", outputOf("help a b c d e f g h i j k l m n o p q"));
    }

    @Test
    void info_withoutSubcommand_listsTheSubcommandsLikeHelpInfo() throws IOException {
        String text = outputOf("info");

        assertEquals("info bundles  -- show the bundles and which objects and devices each serves\n"
                + "info cpus  -- show infos for each CPU\n"
                + "info memdev  -- show memory backends\n"
                + "info memory-devices  -- show memory devices\n"
                + "info memory_size_summary  -- show the amount of initially allocated and present hotpluggable"
                + " (if enabled) memory in bytes.\n"
                + "info name  -- show the current VM name\n"
                + "info pci  -- show PCI info\n"
                + "info status  -- show the current VM status (running|paused)\n"
                + "info version  -- show the version of emuhost\n", text);
        assertEquals(text, outputOf("help info"));
    }

    @Test
    void unknownCommand_isNamedInQuotesWithItsPrefix() throws IOException {
        assertEquals("unknown command: 'xyz'\n", outputOf("xyz"));
        assertEquals("unknown command: 'info xyz'\n", outputOf("info xyz"));
        assertEquals("unknown command: 'xyz'\n", outputOf("help xyz"));
        assertEquals("unknown command: 'info xyz'\n", outputOf("help info xyz"));
        assertEquals("unknown command: '  xyz'\n", outputOf("  xyz/1"));
    }

    @Test
    void commandWithoutParams_rejectsExtraWordsWithQemusHint() throws IOException {
        assertEquals("quit|q: extraneous characters at the end of line\nTry \"help quit\" for more information\n",
                outputOf("quit now"));
        assertEquals("status: extraneous characters at the end of line\n"
                + "Try \"help info status\" for more information\n", outputOf("info status/x"));
        assertEquals(0, quits);
    }

    @Test
    void longLine_onlyTheFirst4095BytesAreRun() throws IOException {
        assertEquals("unknown command: '" + "x".repeat(LineEditor.MAX_LINE) + "'\n", outputOf("x".repeat(5000)));
    }

    @Test
    void infoStatus_followsTheRunState() throws IOException {
        assertEquals("VM status: running\n", outputOf("info status"));
        status = VmStatus.PRELAUNCH;
        assertEquals("VM status: paused (prelaunch)\n", outputOf("info status"));
    }

    @Test
    void infoName_printsTheGuestName() throws IOException {
        assertEquals("vm1\n", outputOf("info name"));
    }

    @Test
    void objectAdd_passesKeyvalPropertiesWithHmpFrontend() throws IOException {
        assertEquals("", outputOf("object_add memory-backend-file,id=mem2,share=on,mem-path=virtio_pmem2.img,size=4G"));

        assertEquals(List.of(new FakeMachine.Call("object", "memory-backend-file",
                Map.of("id", "mem2", "share", "on", "mem-path", "virtio_pmem2.img", "size", "4G"), Frontend.HMP)),
                machine.calls);
    }

    @Test
    void objectAdd_takesTheRestOfTheLineTrailingSpacesIncluded() throws IOException {
        outputOf("object_add memory-backend-file,id=m2,size=4M extra ");

        assertEquals(Map.of("id", "m2", "size", "4M extra "), machine.calls.get(0).properties());
    }

    @Test
    void objectAdd_machineError_isPrintedAfterError() throws IOException {
        machine.failing("memory-backend-file", "Parameter 'size' expects size");

        assertEquals("Error: Parameter 'size' expects size\n",
                outputOf("object_add memory-backend-file,id=m,mem-path=x,size=4KB"));
    }

    @Test
    void objectAdd_bareBoolean_isAnError() throws IOException {
        assertEquals("Error: Expected '=' after parameter 'share'\n",
                outputOf("object_add memory-backend-file,id=m,share"));
    }

    @Test
    void objectAdd_noArguments_expectsAStringAndPointsToHelp() throws IOException {
        assertEquals("object_add: string expected\nTry \"help object_add\" for more information\n",
                outputOf("object_add"));
    }

    @Test
    void objectAdd_help_listsTypes() throws IOException {
        assertEquals("List of user creatable objects:\n  memory-backend-file\n  memory-backend-ram\n",
                outputOf("object_add help"));
    }

    @Test
    void deviceAdd_passesPropertiesWithHmpFrontend() throws IOException {
        outputOf("device_add virtio-pmem-pci,id=virtio_pmem2,memdev=mem2");

        assertEquals(List.of(new FakeMachine.Call("device", "virtio-pmem-pci",
                Map.of("id", "virtio_pmem2", "memdev", "mem2"), Frontend.HMP)), machine.calls);
    }

    @Test
    void deviceAdd_bareBoolean_warnsOnStderrNotTheMonitor() throws IOException {
        assertEquals("", outputOf("device_add virtio-pmem-pci,memdev=m,x"));

        assertEquals("warning: short-form boolean option 'x' deprecated\nPlease use x=on instead\n",
                diagnostics.toString(StandardCharsets.UTF_8));
        assertEquals(Map.of("memdev", "m", "x", "on"), machine.calls.get(0).properties());
    }

    @Test
    void deviceAdd_noDriver_isMissingParameter() throws IOException {
        assertEquals("Error: Parameter 'driver' is missing\n", outputOf("device_add"));
        assertEquals("Error: Parameter 'driver' is missing\n", outputOf("device_add memdev=x"));
    }

    @Test
    void deviceAdd_quotedWord_isOneArgumentAndUnterminatedQuoteOnlyPointsToHelp() throws IOException {
        outputOf("device_add \"virtio-pmem-pci,memdev=a b\"");
        assertEquals(Map.of("memdev", "a b"), machine.calls.get(0).properties());

        assertEquals("Try \"help device_add\" for more information\n", outputOf("device_add \"virtio-pmem-pci"));
    }

    @Test
    void deviceAdd_extraWord_isExtraneous() throws IOException {
        assertEquals("device_add: extraneous characters at the end of line\n"
                + "Try \"help device_add\" for more information\n", outputOf("device_add virtio-pmem-pci,id=a extra"));
    }

    @Test
    void deviceAdd_help_listsDriversOrProperties() throws IOException {
        assertEquals("\nMisc devices:\nname \"virtio-pmem-pci\", bus PCI, desc \"virtio persistent memory\"\n",
                outputOf("device_add ?"));
        assertEquals("virtio-pmem-pci options:\n  memaddr=<uint64>       -  (default: 0)\n  memdev=<link>\n",
                outputOf("device_add virtio-pmem-pci,help,memdev=x"));
        assertEquals("Device 'nosuch' not found\n", outputOf("device_add nosuch,help"));
        assertTrue(machine.calls.isEmpty());
    }

    @Test
    void deviceDel_passesTheIdAndReportsMissingOrExtraArguments() throws IOException {
        assertEquals("", outputOf("device_del  nv1  "));
        assertEquals(new FakeMachine.Call("device_del", "nv1", Map.of(), Frontend.QMP), machine.calls.get(0));

        assertEquals("device_del: string expected\nTry \"help device_del\" for more information\n",
                outputOf("device_del"));
        assertEquals("device_del: extraneous characters at the end of line\n"
                + "Try \"help device_del\" for more information\n", outputOf("device_del a b"));
    }

    @Test
    void deviceDel_machineError_isPrintedAfterError() throws IOException {
        machine.failing("nosuch", "Device 'nosuch' not found");

        assertEquals("Error: Device 'nosuch' not found\n", outputOf("device_del nosuch"));
    }

    @Test
    void objectDel_passesTheIdAndReportsAMissingOne() throws IOException {
        machine.failing("mem1", "object 'mem1' is in use, can not be deleted");

        assertEquals("Error: object 'mem1' is in use, can not be deleted\n", outputOf("object_del mem1"));
        assertEquals("object_del: string expected\nTry \"help object_del\" for more information\n",
                outputOf("object_del"));
    }

    @Test
    void contributedCommand_isListedAndRunsAsInfoSubcommand() throws IOException {
        contributed.add(new EchoCommand());
        contributed.add(new CountCommand());

        assertTrue(outputOf("help").contains("echo text -- repeat the text\n"));
        assertEquals("info virtio-pmem  -- count things\n", outputOf("help info virtio-pmem"));
        assertEquals("said hello world\n", outputOf("echo hello world"));
        assertEquals("counted 3\n", outputOf("info virtio-pmem"));
    }

    @Test
    void errors_leaveTheMonitorRunning() throws IOException {
        machine.failing("memory-backend-file", "Parameter 'size' expects size");

        assertTrue(run("object_add memory-backend-file,id=m,size=4KB\nxyz\ninfo status\nquit\n"));
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("(qemu) VM status: running\n(qemu) "));
    }

    /** A bundle's command: HMP {@code echo text} and {@code info virtio-pmem}. */
    private static final class EchoCommand implements MonitorCommand {

        @Override
        public CommandSpec spec() {
            return new CommandSpec(Optional.of("x-echo"), Optional.of("echo"), false, "text", "repeat the text",
                    List.of(new ArgumentSpec("text", ArgumentType.REST, false, "what to say")), false);
        }

        @Override
        public Object execute(CommandArguments arguments) {
            return "said " + arguments.string("text").orElseThrow();
        }

        @Override
        public String formatHuman(Object result) {
            return result + "\n";
        }
    }

    /** A bundle's {@code info virtio-pmem} with a QMP twin. */
    private static final class CountCommand implements MonitorCommand {

        @Override
        public CommandSpec spec() {
            return new CommandSpec(Optional.of("x-count"), Optional.of("virtio-pmem"), true, "", "count things",
                    List.of(), false);
        }

        @Override
        public Object execute(CommandArguments arguments) {
            return Map.of("count", 3);
        }

        @Override
        public String formatHuman(Object result) {
            return "counted " + ((Map<?, ?>) result).get("count") + "\n";
        }
    }
}
