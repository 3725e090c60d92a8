package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's QEMU 7.2 with its {@code x-pci-proxy-dev} connected to emuhost's
 * {@code x-remote-object} (shared/reference/qemu-multiprocess.md §2), SeaBIOS only, no guest
 * kernel: QEMU's realize-time probe and SeaBIOS's enumeration go over the wire, SeaBIOS programs
 * the 32-bit register BAR through forwarded config writes and, seeing the multifunction bit the
 * doorbell turns on, the doorbell's pci-serial in function 1, QEMU's own {@code xp} of that BAR is a
 * forwarded BAR_READ, and emuhost reads what SeaBIOS wrote into QEMU's memfd RAM (SYNC_SYSMEM).
 * Java cannot hand a socket to a child process, so a python3 one-liner (the README's) connects
 * and execs QEMU with the descriptor.
 */
class QemuProxyIT {

    private static final String WRAPPER = "import os, socket, sys\n"
            + "s = socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]); os.set_inheritable(s.fileno(), True)\n"
            + "argv = [a.replace('{fd}', str(s.fileno())) for a in sys.argv[2:]]; os.execvp(argv[0], argv)\n";
    private static final Pattern BAR4 = Pattern.compile("BAR4: 32 bit memory at (0x[0-9a-f]+)");
    /** How {@code info pci} shows a BAR that is not mapped (yet). */
    private static final String UNMAPPED = "0xffffffffffffffff";
    private static final Pattern XP_VALUE = Pattern.compile(": (0x[0-9a-f]+)");

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void qemuProxy_probesEnumeratesAndReadsTheDevice_andEmuhostSeesQemusRam() throws Exception {
        Optional<Path> qemu = QtestTargets.qemu();
        Optional<Path> python = onPath("python3");
        assumeTrue(qemu.isPresent(), "qemu-system-x86_64 not installed: apt-get install qemu-system-x86");
        assumeTrue(python.isPresent(), "python3 not installed");
        Path pmem = dir.resolve("pmem.img");
        Path socket = dir.resolve("nv1.sock");
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-m", "128M,maxmem=4G", "-monitor", "none",
                "-qtest", "unix:qtest.sock,server=on,wait=off", "-qtest-log", "none",
                "-object", "memory-backend-file,id=mem1,share=on,mem-path=" + pmem + ",size=64M",
                "-device", "virtio-pmem-pci,id=nv1,memdev=mem1,memaddr=0x100000000,vectors=0,x-bar64=off",
                "-object", "x-remote-object,id=r0,devid=nv1,socket=" + socket + ",doorbell=" + dir.resolve("kick.sock")
                        + ",auto-shutdown=off")) {
            awaitExists(socket);
            Process process = startQemu(python.get(), qemu.get(), socket, pmem);
            try (MonitorClient qmp = MonitorClient.unix(dir.resolve("qemu-qmp.sock"))) {
                qmp.line(); // QEMU's greeting
                ask(qmp, "{\"execute\": \"qmp_capabilities\"}");
                long bar = awaitBar4(qmp);
                String pci = hmp(qmp, "info pci");
                String doorbellFunction = pci.substring(pci.indexOf("device   5, function 1"));
                assertTrue(Pattern.compile("BAR0: I/O at 0x[0-9a-e]").matcher(doorbellFunction).find(),
                        "SeaBIOS scanned function 1 (the doorbell's pci-serial) because the remote reports "
                                + "multifunction:\n" + pci);

                assertEquals(1, xp(qmp, "/1hx", bar + 0x12), "num_queues through a forwarded BAR_READ");
                assertEquals(64L << 20, xp(qmp, "/1wx", bar + 0x2008), "virtio-pmem size (device config)");
                assertEquals(1, xp(qmp, "/1wx", bar + 0x2004), "virtio-pmem start 0x1_0000_0000, high dword");

                long vector = xp(qmp, "/1wx", 0x0);
                assertNotEquals(0, vector, "SeaBIOS set up the interrupt vector table");
                try (QtestClient qtest = QtestClient.connect(dir.resolve("qtest.sock"), emuhost::stderr)) {
                    assertEquals(vector, qtest.readl(0x0), "emuhost reads QEMU's guest RAM");
                }
            } finally {
                QtestTargets.stop(process);
            }
            assertFalse(emuhost.stderr().contains("warn"), emuhost.stderr());
            assertTrue(Files.exists(socket), "emuhost listens for the next QEMU");
        }
    }

    private Process startQemu(Path python, Path qemu, Path socket, Path pmem) throws IOException {
        List<String> command = new ArrayList<>(List.of(python.toString(), "-c", WRAPPER, socket.toString(),
                qemu.toString(), "-accel", "tcg", "-machine", "q35,memory-backend=ram0", "-m", "256M,slots=2,maxmem=4G",
                "-object", "memory-backend-memfd,id=ram0,size=256M,share=on",
                "-object", "memory-backend-file,id=pm,mem-path=" + pmem + ",share=on,size=64M",
                "-device", "pc-dimm,id=dimm0,memdev=pm,addr=0x100000000",
                "-device", "x-pci-proxy-dev,id=mp0,fd={fd},addr=0x5.0,multifunction=on",
                "-chardev", "socket,id=kick,path=" + dir.resolve("kick.sock") + ",server=on,wait=off",
                "-device", "pci-serial,chardev=kick,addr=0x5.1",
                "-nodefaults", "-display", "none", "-serial", "none",
                "-qmp", "unix:" + dir.resolve("qemu-qmp.sock") + ",server=on,wait=off"));
        return new ProcessBuilder(command).redirectOutput(dir.resolve("qemu.out").toFile())
                .redirectError(dir.resolve("qemu.err").toFile()).start();
    }

    /** Waits until SeaBIOS has programmed the proxied function's BAR4 (QEMU's local copy). */
    private long awaitBar4(MonitorClient qmp) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String pci = "";
        while (System.nanoTime() - deadline < 0) {
            pci = hmp(qmp, "info pci");
            Matcher matcher = BAR4.matcher(pci);
            if (matcher.find() && !matcher.group(1).equals(UNMAPPED)) {
                return Long.decode(matcher.group(1));
            }
            Thread.sleep(200);
        }
        throw new AssertionError("SeaBIOS never mapped BAR4:\n" + pci + "\n" + QtestTargets.qemuOutput(dir));
    }

    private static long xp(MonitorClient qmp, String format, long address) throws IOException {
        String text = hmp(qmp, "xp " + format + " 0x" + Long.toHexString(address));
        Matcher matcher = XP_VALUE.matcher(text);
        assertTrue(matcher.find(), text);
        return Long.decode(matcher.group(1));
    }

    private static String hmp(MonitorClient qmp, String commandLine) throws IOException {
        String reply = ask(qmp, "{\"execute\": \"human-monitor-command\", \"arguments\": {\"command-line\": \""
                + commandLine + "\"}}");
        return reply.replace("\\r\\n", "\n");
    }

    /** One request; QEMU's events in between are skipped. */
    private static String ask(MonitorClient qmp, String request) throws IOException {
        qmp.send(request + "\n");
        while (true) {
            String line = qmp.line();
            if (line.startsWith("{\"return\"") || line.startsWith("{\"error\"")) {
                return line;
            }
        }
    }

    private static Optional<Path> onPath(String name) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(entry, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static void awaitExists(Path path) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(path)) {
            assertTrue(System.nanoTime() - deadline < 0, path + " never appeared");
            Thread.sleep(20);
        }
    }
}
