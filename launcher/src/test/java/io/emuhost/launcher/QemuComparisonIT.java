package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same qtest script against Debian's QEMU 7.2 and against emuhost: PCI identity,
 * capability chain, device configuration, device features and the FLUSH response must agree.
 * The differences we make on purpose are listed in docs/qemu-differences.md; none of them is
 * visible to this script.
 */
class QemuComparisonIT {

    @TempDir
    Path dir;

    @Test
    @Timeout(300)
    void sameScript_qemuAndEmuhost_agreeOnIdentityCapabilitiesConfigFeaturesAndFlush() throws Exception {
        Optional<Path> qemu = QtestTargets.qemu();
        assumeTrue(qemu.isPresent(), "qemu-system-x86_64 not installed: apt-get install qemu-system-x86");

        PmemObservation theirs = runQemu(qemu.get());
        PmemObservation ours = runEmuhost();

        HexFormat hex = HexFormat.ofDelimiter(" ");
        assertAll(
                () -> assertEquals(hex.formatHex(theirs.identity()), hex.formatHex(ours.identity()),
                        "configuration space 0x00..0x97 without command, BAR4/5 and interrupt line"),
                () -> assertEquals(theirs.caps(), ours.caps(), "capability chain"),
                () -> assertEquals(hex.formatHex(theirs.deviceConfig()), hex.formatHex(ours.deviceConfig()),
                        "device configuration"),
                () -> assertEquals(Long.toHexString(theirs.deviceFeatures()), Long.toHexString(ours.deviceFeatures()),
                        "device_feature"),
                () -> assertEquals(theirs.statusAfterFeaturesOk(), ours.statusAfterFeaturesOk(), "FEATURES_OK"),
                () -> assertEquals(theirs.flushRet(), ours.flushRet(), "FLUSH ret"),
                () -> assertEquals(theirs.usedId(), ours.usedId(), "used id"),
                () -> assertEquals(theirs.usedLen(), ours.usedLen(), "used len"),
                () -> assertEquals(theirs.isr(), ours.isr(), "ISR"),
                () -> assertEquals(theirs.irqLines(), ours.irqLines(), "IRQ lines"));
    }

    private PmemObservation runQemu(Path qemu) throws Exception {
        Path qemuDir = Files.createDirectory(dir.resolve("qemu"));
        Path socket = qemuDir.resolve("qtest.sock");
        Process process = QtestTargets.startQemu(qemu, qemuDir, QtestTargets.image(qemuDir), socket);
        try (QtestClient qtest = QtestClient.connect(socket, () -> QtestTargets.qemuOutput(qemuDir))) {
            return new PmemQtestScript(qtest).run();
        } finally {
            QtestTargets.stop(process);
        }
    }

    private PmemObservation runEmuhost() throws Exception {
        Path ourDir = Files.createDirectory(dir.resolve("emuhost"));
        Path socket = ourDir.resolve("qtest.sock");
        try (EmuhostProcess emuhost = EmuhostProcess.start(ourDir, QtestTargets.emuhostArguments(
                "1G,slots=2,maxmem=8G", QtestTargets.image(ourDir), socket, "none"));
                QtestClient qtest = QtestClient.connect(socket, () -> emuhost.stdout() + emuhost.stderr())) {
            return new PmemQtestScript(qtest).run();
        }
    }
}
