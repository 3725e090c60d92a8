package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * emuhost.jar driven over {@code -qtest unix:...} by a client that speaks only the qtest
 * protocol, as QEMU's libqos would drive QEMU; the expected values are QEMU 7.2's (reference
 * §3, §4, §8).
 */
class QtestIT {

    /** Reference §3.1 header and §3.2 capabilities, with command, BAR4/5 and interrupt line zeroed. */
    private static final String IDENTITY = "f4 1a 5b 10 00 00 10 00 01 00 ff 00 00 00 00 00"
            + " 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"
            + " 00 00 00 00 00 00 00 00 00 00 00 00 f4 1a 00 11"
            + " 00 00 00 00 84 00 00 00 00 00 00 00 00 01 00 00"
            + " 09 00 10 01 04 00 00 00 00 00 00 00 00 10 00 00"
            + " 09 40 10 03 04 00 00 00 00 10 00 00 00 10 00 00"
            + " 09 50 10 04 04 00 00 00 00 20 00 00 00 10 00 00"
            + " 09 60 14 02 04 00 00 00 00 30 00 00 00 10 00 00"
            + " 04 00 00 00 09 70 14 05 00 00 00 00 00 00 00 00"
            + " 00 00 00 00 00 00 00 00";
    private static final List<PciCap> CAPABILITIES = List.of(
            new PciCap(0x84, PciCap.VENDOR, 0x70, 20, PciCap.PCI_CFG, 0, 0, 0, 0),
            new PciCap(0x70, PciCap.VENDOR, 0x60, 20, PciCap.NOTIFY_CFG, 4, 0x3000, 0x1000, 4),
            new PciCap(0x60, PciCap.VENDOR, 0x50, 16, PciCap.DEVICE_CFG, 4, 0x2000, 0x1000, 0),
            new PciCap(0x50, PciCap.VENDOR, 0x40, 16, PciCap.ISR_CFG, 4, 0x1000, 0x1000, 0),
            new PciCap(0x40, PciCap.VENDOR, 0x00, 16, PciCap.COMMON_CFG, 4, 0x0000, 0x1000, 0));

    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void script_findsThePmemFunctionProgramsBar4AndFlushesWithIntx() throws Exception {
        Path socket = dir.resolve("qtest.sock");
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, QtestTargets.emuhostArguments("1G,maxmem=8G",
                QtestTargets.image(dir), socket, "none"));
                QtestClient qtest = QtestClient.connect(socket, () -> emuhost.stdout() + emuhost.stderr())) {

            PmemObservation seen = new PmemQtestScript(qtest).run();

            assertEquals(IDENTITY, HexFormat.ofDelimiter(" ").formatHex(seen.identity()));
            assertEquals(CAPABILITIES, seen.caps());
            assertEquals(0x0000_0101_3000_0000L, seen.deviceFeatures(), Long.toHexString(seen.deviceFeatures()));
            // start 0x100000000, size 256 MiB (reference §4.2)
            assertEquals("0000000001000000" + "0000001000000000", HexFormat.of().formatHex(seen.deviceConfig()));
            assertEquals(0x0b, seen.statusAfterFeaturesOk());
            assertEquals(0, seen.flushRet());
            assertEquals(0, seen.usedId());
            assertEquals(4, seen.usedLen());
            assertEquals(1, seen.isr());
            assertEquals(List.of("IRQ raise 10", "IRQ lower 10"), seen.irqLines());
        }
    }

    @Test
    @Timeout(120)
    void protocolErrors_overTheSocket_areAnsweredAndServingGoesOn() throws Exception {
        Path socket = dir.resolve("qtest.sock");
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, QtestTargets.emuhostArguments("1G,maxmem=8G",
                QtestTargets.image(dir), socket, "none"));
                QtestClient qtest = QtestClient.connect(socket, () -> emuhost.stdout() + emuhost.stderr())) {

            assertEquals("FAIL Unknown command 'nosuch'", qtest.command("nosuch 1"));
            assertEquals("ERR ADDR '0x' is not an unsigned 64-bit number (decimal, 0x hex or 0 octal)",
                    qtest.command("readb 0x"));
            assertEquals("ERR invalid argument size", qtest.command("write 0 2 0x"));
            assertEquals("FAIL Unknown device", qtest.command("irq_intercept_in /machine/ioapic"));
            assertEquals("OK 0", qtest.command("clock_step"));
            assertEquals("OK 1000", qtest.command("clock_step 1000"));
            assertEquals("OK little", qtest.command("endianness"));
        }
    }

    @Test
    @Timeout(120)
    void qtestLogFile_recordsTheSessionInQemusFormat() throws Exception {
        Path socket = dir.resolve("qtest.sock");
        Path log = dir.resolve("qtest.log");
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, QtestTargets.emuhostArguments("1G,maxmem=8G",
                QtestTargets.image(dir), socket, log.toString()));
                QtestClient qtest = QtestClient.connect(socket, () -> emuhost.stdout() + emuhost.stderr())) {

            assertEquals("OK little", qtest.command("endianness"));
        }

        List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
        assertTrue(lines.size() >= 3, lines.toString());
        assertTrue(lines.get(0).matches("\\[I \\d+\\.\\d{6}\\] OPENED"), lines.toString());
        assertTrue(lines.get(1).matches("\\[R \\+\\d+\\.\\d{6}\\] endianness"), lines.toString());
        assertTrue(lines.get(2).matches("\\[S \\+\\d+\\.\\d{6}\\] OK little"), lines.toString());
    }
}
