package io.emuhost.backend.file.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full file system while the backend creates or preallocates its file (issue 9 item 10): a
 * QEMU-worded error and no partial file. Real ENOSPC, from a 1 MiB tmpfs mounted in a private
 * mount namespace ({@code unshare -rm}: root or not, the host's mounts are untouched) around a
 * child JVM that runs {@link DiskFullScenario}. Skipped, saying why, where user namespaces are
 * not available.
 */
class DiskFullTest {

    private static final long MIB = 1 << 20;
    private static final long CHILD_TIMEOUT_SECONDS = 120;

    @TempDir
    Path dir;

    @BeforeAll
    static void privateMountsAvailable() throws InterruptedException {
        String reason;
        try {
            Process probe = new ProcessBuilder("unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=1m tmpfs /mnt")
                    .redirectErrorStream(true).start();
            String out = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            reason = probe.waitFor() == 0 ? null : "unshare -rm cannot mount a tmpfs here: " + out;
        } catch (IOException e) {
            reason = "no unshare(1): " + e.getMessage();
        }
        assumeTrue(reason == null, reason);
    }

    /** Runs the scenario on a fresh tmpfs with the given mount options; returns its report. */
    private Map<String, String> run(String mountOptions, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("unshare", "-rm", "sh", "-c",
                "mount -t tmpfs -o \"$1\" tmpfs \"$2\" && shift 2 && exec \"$@\"", "sh", mountOptions,
                dir.toString()));
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                DiskFullScenario.class.getName(), dir.toString()));
        command.addAll(List.of(arguments));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the scenario did not end: " + out);
        }
        assertEquals(0, child.exitValue(), out);
        Map<String, String> report = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int colon = line.indexOf(": ");
            if (colon > 0) {
                report.put(line.substring(0, colon), line.substring(colon + 2));
            }
        }
        return report;
    }

    @Test
    void prealloc_newFileLargerThanTheDisk_enospcAndNoFileLeft() throws Exception {
        Map<String, String> report = run("size=1m", "mem-path", "@new.img", "size", "4M", "share", "on",
                "prealloc", "on");

        assertEquals("qemu_prealloc_mem: preallocating memory failed: No space left on device", report.get("result"), report::toString);
        assertEquals("", report.get("entries"), report::toString);
        assertEquals("0", report.get("used"), report::toString);
    }

    /** An existing sparse file is kept as it was: no block of the failed preallocation stays allocated. */
    @Test
    void prealloc_existingSparseFileLargerThanTheDisk_enospcAndFileUntouched() throws Exception {
        Map<String, String> report = run("size=1m", "--sparse", "old.img", String.valueOf(4 * MIB),
                "mem-path", "@old.img", "size", "4M", "share", "on", "prealloc", "on");

        assertEquals("qemu_prealloc_mem: preallocating memory failed: No space left on device", report.get("result"), report::toString);
        assertEquals("old.img", report.get("entries"), report::toString);
        assertEquals("0", report.get("blocks old.img"), report::toString);
        assertEquals("0", report.get("used"), report::toString);
    }

    /** No inode left: the open that would create the file fails (reference §1.3 step 2's wording). */
    @Test
    void create_noInodeLeft_cannotOpenAndNothingCreated() throws Exception {
        Map<String, String> report = run("size=1m,nr_inodes=2", "--sparse", "filler", "0",
                "mem-path", "@new.img", "size", "1M", "share", "on");

        assertEquals("can't open backing store " + dir.resolve("new.img")
                + " for guest RAM: No space left on device", report.get("result"), report::toString);
        assertEquals("filler", report.get("entries"), report::toString);
    }

    /**
     * share=off: the guest's copies are anonymous, but on tmpfs reading a hole allocates a page
     * of the file, so the populate runs out of space (EFAULT, as in QEMU 7.2); the file the
     * backend created goes again.
     */
    @Test
    void prealloc_privateMappingOfATmpfsFileLargerThanTheDisk_failsAndNoFileLeft() throws Exception {
        Map<String, String> report = run("size=1m", "mem-path", "@new.img", "size", "4M", "prealloc", "on");

        assertEquals("qemu_prealloc_mem: preallocating memory failed: Bad address", report.get("result"), report::toString);
        assertEquals("", report.get("entries"), report::toString);
        assertEquals("0", report.get("used"), report::toString);
    }
}
