package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 5 end to end: an unmodified Debian 6.1 kernel in QEMU (TCG) uses emuhost's virtio-pmem
 * through QEMU's x-pci-proxy-dev and emuhost's {@code x-remote-object}, set up by the README's one
 * command (issue 12): {@code emuhost -qmp ... -tcg-intx doorbell --qemu qemu-system-x86_64} followed
 * by QEMU's own virtio-pmem command line, unchanged. The guest image is built from Debian packages
 * by {@code itests/guest/build-guest.sh} (cached); the steps are those of
 * {@code itests/guest/run-emuhost-guest.sh}: a write boot (virtio_pmem, mkfs.ext4, mount -o dax,
 * write, sync), a host check of the backing file, emuhost's FLUSH count over emuhost's own QMP
 * (read while the guest runs, since emuhost ends with QEMU), a read boot that finds the file again.
 *
 * <p>The second test is Debian's 6.12 kernel on {@code shmem-region=on}
 * ({@code itests/guest/run-emuhost-shmem.sh}): its virtio_pmem negotiates
 * VIRTIO_PMEM_F_SHMEM_REGION and finds the pmem as shared memory region 0 (a 32-bit BAR2 through
 * the proxy), writes raw blocks the host then finds in the backing file, and emuhost, with its
 * default auto-shutdown=on, exits by itself with status 0 once QEMU has gone, having logged the
 * close once and no device error. No other VMM offers this feature; this is the proof it works
 * with a driver we did not write.
 */
class RealGuestIT {

    private static final Pattern STEP = Pattern.compile("^EMUHOST-GUEST ([a-z-]+)=(PASS|FAIL)(.*)$", Pattern.MULTILINE);
    private static final Pattern REQUESTS = Pattern.compile("requests=(\\d+) errors=(\\d+)");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.MINUTES)
    void debianGuest_writesOnDaxExt4ThroughEmuhost_hostFileHoldsIt_andASecondBootReadsItBack() throws Exception {
        assumeTrue(QtestTargets.qemu().isPresent(),
                "qemu-system-x86_64 not installed (.ci/run installs Debian's qemu-system-x86)");
        Path scripts = Path.of(System.getProperty("emuhost.guest.scripts", "../itests/guest")).toAbsolutePath();
        Path output = dir.resolve("run.out");

        Process run = new ProcessBuilder(List.of("bash", scripts.resolve("run-emuhost-guest.sh").toString(),
                "--jar", EmuhostProcess.jar().toString(), "--dir", dir.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = run.waitFor(25, TimeUnit.MINUTES);
        if (!ended) {
            run.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);

        assertTrue(ended, "the guest run did not end:\n" + text);
        Matcher steps = STEP.matcher(text);
        StringBuilder results = new StringBuilder();
        String flushes = "";
        while (steps.find()) {
            results.append(steps.group(1)).append('=').append(steps.group(2)).append(' ');
            if (steps.group(1).equals("flushes")) {
                flushes = steps.group(3);
            }
        }
        assertEquals("write=PASS host-file=PASS flushes=PASS read=PASS ", results.toString(),
                text + "\nemuhost:\n" + emuhostLog());
        Matcher counts = REQUESTS.matcher(flushes);
        assertTrue(counts.find(), flushes);
        assertTrue(Long.parseLong(counts.group(1)) >= 1, "emuhost answered no FLUSH: " + flushes);
        assertEquals(0, Long.parseLong(counts.group(2)), flushes);
        assertTrue(text.contains("EMUHOST-RESULT mount=ext4 options=rw,relatime,dax=always"), text);
        assertTrue(text.contains("EMUHOST-RESULT pmem=/dev/pmem0 pmem_bytes=268435456"), text);
        assertEquals(0, run.exitValue(), text);
        String console = Files.readString(dir.resolve("guest.write.log"), StandardCharsets.UTF_8);
        assertTrue(console.lines().anyMatch(line -> line.startsWith("# started by: ") && line.endsWith(" --qemu")),
                "the guest ran through emuhost --qemu:\n" + console.lines().limit(3).toList());
        assertTrue(text.contains("EMUHOST-RESULT doorbell=0000:00:10.1"), "emuhost added the doorbell:\n" + text);
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void debian612Guest_negotiatesShmemRegion_writesBlocksThroughRegion0_andEmuhostExitsWhenQemuHasGone()
            throws Exception {
        assumeTrue(QtestTargets.qemu().isPresent(),
                "qemu-system-x86_64 not installed (.ci/run installs Debian's qemu-system-x86)");
        Path scripts = Path.of(System.getProperty("emuhost.guest.scripts", "../itests/guest")).toAbsolutePath();
        Path output = dir.resolve("shmem.out");

        Process run = new ProcessBuilder(List.of("bash", scripts.resolve("run-emuhost-shmem.sh").toString(),
                "--jar", EmuhostProcess.jar().toString(), "--dir", dir.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean ended = run.waitFor(12, TimeUnit.MINUTES);
        if (!ended) {
            run.destroyForcibly();
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);

        assertTrue(ended, "the guest run did not end:\n" + text);
        Matcher steps = STEP.matcher(text);
        StringBuilder results = new StringBuilder();
        while (steps.find()) {
            results.append(steps.group(1)).append('=').append(steps.group(2)).append(' ');
        }
        assertEquals("guest=PASS feature=PASS host-file=PASS exit=PASS log=PASS ", results.toString(),
                text + "\nemuhost:\n" + emuhostLog());
        assertTrue(text.contains("EMUHOST-RESULT init uptime_s="), text);
        assertTrue(Pattern.compile("EMUHOST-RESULT init .* kernel=6\\.12\\.").matcher(text).find(), text);
        assertTrue(Pattern.compile("EMUHOST-RESULT features=1[01]* shmem_region=1").matcher(text).find(), text);
        assertTrue(text.contains("EMUHOST-RESULT pmem=/dev/pmem0 pmem_bytes=268435456"), text);
        assertTrue(text.contains("EMUHOST-GUEST host-file=PASS extents=3"), text);
        assertEquals(0, run.exitValue(), text);
    }

    private String emuhostLog() throws IOException {
        Path log = dir.resolve("emuhost.log");
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no emuhost.log)";
    }
}
