package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command-line options and their errors, end to end through emuhost.jar. */
class CommandLineIT {

    @TempDir
    Path dir;

    @Test
    void qemuDisplayAndStartOptions_areAcceptedAndMinusSIsPrelaunch() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-machine", "pc", "-nodefaults", "-display", "none",
                "-nographic", "-S", "-monitor", "stdio")) {
            emuhost.send("info status");
            emuhost.send("quit");

            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
            assertTrue(emuhost.stdout().contains("(qemu) VM status: paused (prelaunch)\n(qemu) "), emuhost.stdout());
            assertEquals("", emuhost.stderr());
        }
    }

    @Test
    void noMaxmem_reservesDeviceMemoryWithOneNoteForTwoDevices() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-monitor", "stdio",
                "-object", "memory-backend-file,id=a,share=on,mem-path=a.img,size=1G",
                "-object", "memory-backend-file,id=b,share=on,mem-path=b.img,size=1G",
                "-device", "virtio-pmem-pci,memdev=a,id=pa", "-device", "virtio-pmem-pci,memdev=b,id=pb")) {
            emuhost.send("info memory-devices");
            emuhost.send("quit");

            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
            assertTrue(emuhost.stdout().contains("Memory device [virtio-pmem]: \"pb\"\n"), emuhost.stdout());
            long notes = emuhost.stderr().lines().filter(l -> l.startsWith("emuhost: note: ")).count();
            assertEquals(1, notes, emuhost.stderr());
            assertTrue(emuhost.stderr().contains("maxmem"), emuhost.stderr());
        }
    }

    @Test
    void maxmemBudgetExceeded_failsWithNotEnoughSpace() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-m", "1G,maxmem=2G",
                "-object", "memory-backend-file,id=mem1,share=on,mem-path=big.img,size=4G",
                "-device", "virtio-pmem-pci,memdev=mem1,id=nv1")) {
            assertEquals(1, emuhost.awaitExit());
            assertEquals("emuhost: -device virtio-pmem-pci,memdev=mem1,id=nv1: not enough space, currently 0x0 in use "
                    + "of total space for memory devices 0x40000000\n", emuhost.stderr());
        }
    }

    @Test
    void badSize_failsAtTheOption() throws Exception {
        String object = "memory-backend-file,id=mem1,share=on,mem-path=x.img,size=4KB";
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-object", object)) {
            assertEquals(1, emuhost.awaitExit());
            assertEquals("emuhost: -object " + object + ": Parameter 'size' expects a size value\n", emuhost.stderr());
            assertTrue(Files.notExists(dir.resolve("x.img")));
        }
    }

    @Test
    void unknownOption_isInvalid() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-foo")) {
            assertEquals(1, emuhost.awaitExit());
            assertEquals("emuhost: -foo: invalid option\n", emuhost.stderr());
        }
    }

    @Test
    void maxmemBelowRam_isRejected() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-m", "2G,maxmem=1G")) {
            assertEquals(1, emuhost.awaitExit());
            assertEquals("emuhost: invalid value of maxmem: maximum memory size (0x40000000) must be at least the "
                    + "initial memory size (0x80000000)\n", emuhost.stderr());
        }
    }

    @Test
    void objectHelp_listsTheInstalledTypes() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-object", "help")) {
            assertEquals(0, emuhost.awaitExit());
            assertEquals("List of user creatable objects:\n  memory-backend-file\n  memory-backend-ram\n  x-remote-object\n",
                    emuhost.stdout());
        }
    }

    @Test
    void deviceHelp_listsVirtioPmemPci() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-device", "help")) {
            assertEquals(0, emuhost.awaitExit());
            assertTrue(emuhost.stdout().startsWith("\nMisc devices:\nname \"virtio-pmem-pci\", bus PCI"),
                    emuhost.stdout());
        }
    }
}
