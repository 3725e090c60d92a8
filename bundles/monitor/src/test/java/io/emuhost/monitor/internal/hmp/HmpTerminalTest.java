package io.emuhost.monitor.internal.hmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Terminal mode against bytes captured from QEMU 7.2.22 on {@code -monitor unix:...} (what
 * {@code socat} shows): the line editor's redraw of every typed byte and {@code \r\n} line ends.
 */
class HmpTerminalTest {

    private static final String BANNER = "emuhost 9.9 monitor - type 'help' for more information\r\n(qemu) ";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private boolean serve(byte[] input) throws IOException {
        CommandRegistry registry = new CommandRegistry(new MonitorContext(new FakeMachine(), FakeFactories.standard(),
                new RecordingEvents(), new PrintStream(new ByteArrayOutputStream(), true), VmStatus.PRELAUNCH, "9.9",
                Optional.empty()), List::of, () -> { });
        return registry.serveHmp(new ByteArrayInputStream(input), new PrintStream(out, true), true);
    }

    /** What the terminal sent after the banner and first prompt. */
    private String session(String input) throws IOException {
        serve(input.getBytes(StandardCharsets.ISO_8859_1));
        String text = out.toString(StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith(BANNER), text);
        return text.substring(BANNER.length());
    }

    @Test
    void typedCommand_isEchoedWithQemusRedrawAndCrLf() throws IOException {
        assertEquals("x\u001b[K\u001b[Dxy\u001b[K\u001b[D\u001b[Dxyz\u001b[K\r\nunknown command: 'xyz'\r\n(qemu) ",
                session("xyz\n"));
    }

    @Test
    void backspace_redrawsTheShorterLine() throws IOException {
        assertEquals("a\u001b[K\u001b[Dab\u001b[K\u001b[D\u001b[Da\u001b[K\u001b[Dac\u001b[K\r\n"
                + "unknown command: 'ac'\r\n(qemu) ", session("ab\u007fc\n"));
    }

    @Test
    void cursorKeysAndCtrlE_moveTheCursorAsQemuDoes() throws IOException {
        assertEquals("a\u001b[K\u001b[Dab\u001b[K\u001b[D\u001b[Dxab\u001b[K\u001b[D\u001b[D\u001b[C\u001b[C"
                + "\u001b[D\u001b[D\u001b[Dxaby\u001b[K\r\nunknown command: 'xaby'\r\n(qemu) ",
                session("ab\u001b[D\u001b[Dx\u0005y\n"));
    }

    @Test
    void ctrlW_deletesTheWord() throws IOException {
        assertEquals("q\u001b[K\u001b[D\u001b[Kw\u001b[K\r\nunknown command: 'w'\r\n(qemu) ", session("q\u0017w\n"));
    }

    @Test
    void crLf_runsTheLineThenAnEmptyOne() throws IOException {
        String text = session("info status\r\n");

        assertTrue(text.endsWith("info status\u001b[K\r\nVM status: paused (prelaunch)\r\n(qemu) \r\n(qemu) "), text);
    }

    @Test
    void arrowUp_recallsTheLastLine() throws IOException {
        String text = session("info status\n\u001b[A\n");

        assertTrue(text.endsWith("(qemu) info status\u001b[K\r\nVM status: paused (prelaunch)\r\n(qemu) "), text);
    }

    @Test
    void quit_endsTheSessionAfterItsEcho() throws IOException {
        assertTrue(serve("q\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(BANNER + "q\u001b[K\r\n", out.toString(StandardCharsets.ISO_8859_1));
    }

    @Test
    void overlongLine_keeps4095BytesAndIgnoresTheRest() throws IOException {
        String text = session("y".repeat(5000) + "\n");

        assertTrue(text.endsWith("\u001b[K\r\nunknown command: '" + "y".repeat(LineEditor.MAX_LINE) + "'\r\n(qemu) "));
    }

    @Test
    void binaryGarbage_neverBreaksTheSession() throws IOException {
        byte[] garbage = new byte[13 * 1024];
        new Random(29).nextBytes(garbage);
        byte[] input = new byte[garbage.length + 32];
        System.arraycopy(garbage, 0, input, 0, garbage.length);
        byte[] tail = "\u0015\u001b[H\u0001\u000b\ninfo status\n".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tail, 0, input, garbage.length, tail.length);

        assertFalse(serve(input));
        assertTrue(out.toString(StandardCharsets.ISO_8859_1).endsWith("VM status: paused (prelaunch)\r\n(qemu) "));
    }
}
