package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code emuhost --qemu} with emuhost.jar and a shell script standing in for QEMU (the real QEMU
 * and a Debian guest: {@link RealGuestIT}): the script gets the proxy's socket as fd 4, emuhost
 * exits with its status, a SIGKILLed emuhost has its QEMU stopped with a message, and a bad
 * option is reported before either starts.
 */
class QemuModeIT {

    @TempDir
    Path dir;

    private Path fakeQemu(String body) throws Exception {
        Path script = Files.writeString(dir.resolve("fake-qemu"), "#!/bin/sh\necho $$ > " + dir.resolve("qemu.pid")
                + "\nprintf '%s\\n' \"$@\" > " + dir.resolve("argv") + "\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    private String[] commandLine(Path qemu, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("--qemu", qemu.toString(), "-machine", "q35",
                "-m", "1G,maxmem=4G", "-object", "memory-backend-file,id=mem1,share=on,mem-path=" + dir.resolve("pmem.img")
                        + ",size=64M", "-device", "virtio-pmem-pci,memdev=mem1,id=nv1", "-kernel", "vmlinuz"));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    @Timeout(120)
    void qemuGetsTheProxyPlumbing_andEmuhostExitsWithQemusStatus() throws Exception {
        Path qemu = fakeQemu("[ -S /proc/$$/fd/4 ] || exit 99\nexit 5");
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, commandLine(qemu))) {
            assertEquals(5, emuhost.awaitExit(), emuhost.stderr());
            List<String> argv = Files.readAllLines(dir.resolve("argv"));
            assertTrue(argv.containsAll(List.of("pc-dimm,id=nv1-dimm,memdev=mem1,addr=0x100000000",
                    "x-pci-proxy-dev,id=nv1,fd=4,addr=0x10.0", "-append",
                    "acpi_no_memhotplug irqpoll noapictimer", "-machine", "memory-backend=emuhost-ram")), argv.toString());
            assertEquals(64L << 20, Files.size(dir.resolve("pmem.img")), "emuhost created and mapped the backing file");
            assertFalse(emuhost.stderr().contains("stopping QEMU"), emuhost.stderr());
        }
    }

    @Test
    @Timeout(120)
    void emuhostKilled_qemuIsStoppedWithAMessage() throws Exception {
        Path qemu = fakeQemu("exec sleep 120");
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, commandLine(qemu))) {
            Path pidFile = dir.resolve("qemu.pid");
            for (int i = 0; i < 600 && !Files.exists(dir.resolve("argv")); i++) {
                Thread.sleep(100);
            }
            long qemuPid = Long.parseLong(Files.readString(pidFile).strip());
            assertTrue(ProcessHandle.of(qemuPid).isPresent(), "QEMU runs");

            ProcessHandle.of(emuhost.pid()).orElseThrow().destroyForcibly(); // SIGKILL: emuhost runs no code of its own

            emuhost.awaitStderr("emuhost: emuhost (pid " + emuhost.pid() + ") has ended, and with it the devices of this"
                    + " guest: stopping QEMU (pid " + qemuPid + ")");
            for (int i = 0; i < 100 && ProcessHandle.of(qemuPid).map(ProcessHandle::isAlive).orElse(false); i++) {
                Thread.sleep(100);
            }
            assertFalse(ProcessHandle.of(qemuPid).map(ProcessHandle::isAlive).orElse(false), "QEMU was stopped");
        }
    }

    @Test
    @Timeout(120)
    void deviceEmuhostRejects_isReportedBeforeQemuStarts_andTheBackingFileGoesAgain() throws Exception {
        Path qemu = fakeQemu("exit 0");
        String[] args = commandLine(qemu);
        args[9] = "virtio-pmem-pci,memdev=mem1,id=nv1,nosuch=1";
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, args)) {
            assertEquals(1, emuhost.awaitExit());
            assertEquals("emuhost: -device virtio-pmem-pci,memdev=mem1,id=nv1,nosuch=1: Property 'virtio-pmem-pci.nosuch'"
                    + " not found\n", emuhost.stderr());
            assertFalse(Files.exists(dir.resolve("argv")), "QEMU was not started");
            assertFalse(Files.exists(dir.resolve("pmem.img")), "the start removed the file it created");
        }
    }

    @Test
    @Timeout(120)
    void missingQemu_isReportedBeforeAnythingStarts() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, commandLine(dir.resolve("no-qemu")))) {
            assertEquals(1, emuhost.awaitExit());
            assertEquals("emuhost: --qemu " + dir.resolve("no-qemu") + ": No such file or directory\n", emuhost.stderr());
            assertFalse(Files.exists(dir.resolve("pmem.img")));
        }
    }

    @Test
    @Timeout(120)
    void virtioPmemWithoutMemdev_isQemusError() throws Exception {
        Path qemu = fakeQemu("exit 0");
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "--qemu", qemu.toString(), "-m", "1G,maxmem=4G",
                "-device", "virtio-pmem-pci,id=nv1")) {
            assertEquals(1, emuhost.awaitExit());
            assertEquals("emuhost: -device virtio-pmem-pci,id=nv1: 'memdev' property must be set\n", emuhost.stderr());
            assertFalse(Files.exists(dir.resolve("argv")));
        }
    }

    @Test
    @Timeout(120)
    void unknownEmuhostOption_isQemusInvalidOption() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-frob", "--qemu", "qemu-system-x86_64")) {
            assertEquals(1, emuhost.awaitExit());
            assertEquals("emuhost: -frob: invalid option\n", emuhost.stderr());
        }
    }
}
