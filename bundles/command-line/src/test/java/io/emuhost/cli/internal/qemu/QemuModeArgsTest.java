package io.emuhost.cli.internal.qemu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.cli.internal.options.CommandLineException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class QemuModeArgsTest {

    static String printed(CommandLineException e) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        e.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String error(String... args) {
        return printed(assertThrows(CommandLineException.class, () -> QemuModeArgs.parse(List.of(args))));
    }

    @Test
    void parse_splitsEmuhostsMonitorsFromQemusCommandLine() throws CommandLineException {
        QemuModeArgs mode = QemuModeArgs.parse(List.of("-qmp", "unix:e.sock,server=on,wait=off", "-tcg-intx", "doorbell",
                "--qemu", "qemu-system-x86_64", "-qmp", "unix:q.sock,server=on,wait=off", "-m", "1G"));

        assertEquals(List.of("-qmp", "unix:e.sock,server=on,wait=off"), mode.emuhostArgs());
        assertEquals(TcgInterrupts.DOORBELL, mode.interrupts());
        assertEquals("qemu-system-x86_64", mode.binary());
        assertEquals(List.of("-qmp", "unix:q.sock,server=on,wait=off", "-m", "1G"), mode.qemuArgs());
    }

    @Test
    void parse_defaults_irqpollAndNoEmuhostMonitor() throws CommandLineException {
        QemuModeArgs mode = QemuModeArgs.parse(List.of("-qemu", "qemu"));

        assertEquals(TcgInterrupts.IRQPOLL, mode.interrupts());
        assertEquals(List.of(), mode.emuhostArgs());
        assertEquals(List.of(), mode.qemuArgs());
    }

    @Test
    void requested_onlyWithTheOption() {
        assertTrue(QemuModeArgs.requested(List.of("--qemu", "q")));
        assertFalse(QemuModeArgs.requested(List.of("-m", "1G", "-qemux")));
    }

    @Test
    void unknownEmuhostOption_isQemusInvalidOption() {
        assertEquals("emuhost: -frobnicate: invalid option\n", error("-frobnicate", "--qemu", "qemu"));
    }

    @Test
    void qemusOptionBeforeQemu_saysWhereItGoes() {
        assertEquals("emuhost: -device: not an emuhost option with --qemu: QEMU's options go after --qemu QEMU-BINARY,"
                + " emuhost's own monitors before it\n", error("-device", "virtio-rng-pci", "--qemu", "qemu"));
    }

    @Test
    void qemuWithoutBinary_requiresAnArgument() {
        assertEquals("emuhost: --qemu: requires an argument\n", error("-qmp", "unix:x,server=on,wait=off", "--qemu"));
    }

    @Test
    void emuhostMonitorWithoutArgument_requiresAnArgument() {
        assertEquals("emuhost: -qmp: requires an argument\n", error("-qmp"));
    }

    @Test
    void badTcgInterruptMode_isRejectedWithTheChoices() {
        assertEquals("emuhost: -tcg-intx msi: Parameter 'tcg-intx' does not accept value 'msi' (doorbell or irqpoll)\n",
                error("-tcg-intx", "msi", "--qemu", "qemu"));
    }

    @Test
    void positionalWordBeforeQemu_isAnInvalidOption() {
        assertEquals("emuhost: disk.img: invalid option\n", error("disk.img", "--qemu", "qemu"));
    }

    @Test
    void emuhostMonitorOnStdio_isRefused_theTerminalIsQemus() {
        assertEquals("emuhost: -monitor stdio: the terminal is QEMU's with --qemu: give emuhost's monitor a socket"
                + " (unix:PATH,server=on,wait=off)\n", error("-monitor", "stdio", "--qemu", "qemu"));
        assertEquals("emuhost: -chardev stdio,id=c: the terminal is QEMU's with --qemu: give emuhost's monitor a socket"
                + " (unix:PATH,server=on,wait=off)\n", error("-chardev", "stdio,id=c", "--qemu", "qemu"));
    }
}
