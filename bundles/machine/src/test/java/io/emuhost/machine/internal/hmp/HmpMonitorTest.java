package io.emuhost.machine.internal.hmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.machine.Frontend;
import io.emuhost.machine.internal.cli.FakeFactories;
import io.emuhost.machine.internal.cli.FakeMachine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HmpMonitorTest {

    private static final String BANNER = "emuhost 9.9 monitor - type 'help' for more information\n";

    private final FakeMachine machine = new FakeMachine();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private VmStatus status = VmStatus.RUNNING;

    private HmpOutcome run(String input) throws IOException {
        HmpSession session = new HmpSession(machine, FakeFactories.standard(),
                new PrintStream(out, true, StandardCharsets.UTF_8), status, "9.9", Optional.of("vm1"),
                HmpCommands.standard());
        return new HmpMonitor(session).run(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    }

    /** The output of one command typed after the banner, without the prompts. */
    private String outputOf(String line) throws IOException {
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
    void run_quit_endsWithQuitAndAliasToo() throws IOException {
        assertEquals(HmpOutcome.QUIT, run("quit\ninfo version\n"));
        assertEquals(HmpOutcome.QUIT, run("q\n"));
    }

    @Test
    void run_endOfInput_endsWithoutQuit() throws IOException {
        assertEquals(HmpOutcome.CONTINUE, run("info status\n"));
    }

    @Test
    void help_listsTheCommandsSortedInQemuFormat() throws IOException {
        assertEquals("device_add driver[,prop=value][,...] -- add device, like -device on the command line\n"
                + "help|? [cmd] -- show the help\n"
                + "info [subcommand] -- show various information about the system state\n"
                + "object_add [qom-type=]type,id=str[,prop=value][,...] -- create QOM object\n"
                + "quit|q  -- quit the emulator\n", outputOf("help"));
    }

    @Test
    void help_oneCommandOrSubcommand_printsItsLine() throws IOException {
        assertEquals("quit|q  -- quit the emulator\n", outputOf("? quit"));
    }

    @Test
    void help_infoSubcommand_printsItWithThePrefix() throws IOException {
        assertEquals("info memdev  -- show memory backends\n", outputOf("help info memdev"));
    }

    @Test
    void info_withoutSubcommand_listsTheSubcommands() throws IOException {
        String text = outputOf("info");

        assertTrue(text.startsWith("info memdev  -- show memory backends\ninfo memory-devices  -- show memory devices\n"),
                text);
        assertTrue(text.contains("info status  -- show the current VM status (running|paused)\n"), text);
    }

    @Test
    void unknownCommand_isNamedInQuotes() throws IOException {
        assertEquals("unknown command: 'xyz'\n", outputOf("xyz"));
        out.reset();
        assertEquals("unknown command: 'info xyz'\n", outputOf("info xyz"));
        out.reset();
        assertEquals("unknown command: 'xyz'\n", outputOf("help xyz"));
    }

    @Test
    void commandWithoutParams_rejectsExtraWords() throws IOException {
        assertEquals("quit|q: extraneous characters at the end of line\n", outputOf("quit now"));
    }

    @Test
    void longLine_onlyTheFirst4095CharactersAreRun() throws IOException {
        String text = outputOf("x".repeat(5000));

        assertEquals("unknown command: '" + "x".repeat(HmpMonitor.MAX_LINE) + "'\n", text);
    }

    @Test
    void infoStatus_followsTheRunState() throws IOException {
        assertEquals("VM status: running\n", outputOf("info status"));
        out.reset();
        status = VmStatus.PRELAUNCH;
        assertEquals("VM status: paused (prelaunch)\n", outputOf("info status"));
    }

    @Test
    void infoName_printsTheGuestName() throws IOException {
        assertEquals("vm1\n", outputOf("info name"));
    }

    @Test
    void objectAdd_passesKeyvalPropertiesWithHmpFrontend() throws IOException {
        outputOf("object_add memory-backend-file,id=mem2,share=on,mem-path=virtio_pmem2.img,size=4G");

        assertEquals(List.of(new FakeMachine.Call("object", "memory-backend-file",
                Map.of("id", "mem2", "share", "on", "mem-path", "virtio_pmem2.img", "size", "4G"), Frontend.HMP)),
                machine.calls);
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
    void objectAdd_noArguments_expectsAString() throws IOException {
        assertEquals("object_add: string expected\n", outputOf("object_add"));
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
    void deviceAdd_bareBoolean_warnsOnTheMonitor() throws IOException {
        assertEquals("warning: short-form boolean option 'x' deprecated\nPlease use x=on instead\n",
                outputOf("device_add virtio-pmem-pci,memdev=m,x"));
    }

    @Test
    void deviceAdd_noDriver_isMissingParameter() throws IOException {
        assertEquals("Error: Parameter 'driver' is missing\n", outputOf("device_add"));
    }

    @Test
    void deviceAdd_unknownDriverHelp_saysNotFound() throws IOException {
        assertEquals("Device 'nosuch' not found\n", outputOf("device_add nosuch,help"));
    }

    @Test
    void errors_leaveTheMonitorRunning() throws IOException {
        machine.failing("memory-backend-file", "Parameter 'size' expects size");

        assertEquals(HmpOutcome.QUIT, run("object_add memory-backend-file,id=m,size=4KB\nxyz\ninfo status\nquit\n"));
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("(qemu) VM status: running\n(qemu) "));
    }
}
