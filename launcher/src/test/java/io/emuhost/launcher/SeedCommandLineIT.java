package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed's command line and monitor session, end to end through emuhost.jar. */
class SeedCommandLineIT {

    private static final String OBJECT = "memory-backend-file,id=mem1,share,mem-path=./virtio_pmem.img,size=4G";
    private static final long FOUR_GIB = 4L << 30;

    @TempDir
    Path dir;

    @Test
    void seed_createsSparseBackingFileAndHotplugsASecondDevice() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-m", "1G,slots=2,maxmem=16G", "-object", OBJECT,
                "-device", "virtio-pmem-pci,memdev=mem1,id=nv1", "-monitor", "stdio")) {
            emuhost.awaitStdout("(qemu) ", 1);
            assertTrue(emuhost.stdout().startsWith("emuhost 1.0.0 monitor - type 'help' for more information\n(qemu) "),
                    emuhost.stdout());
            assertTrue(emuhost.stderr().contains("emuhost: -object " + OBJECT
                    + ": warning: short-form boolean option 'share' deprecated\nPlease use share=on instead\n"),
                    emuhost.stderr());
            assertSparse4GiBFileWithMode0644(dir.resolve("virtio_pmem.img"));

            emuhost.send("object_add memory-backend-file,id=mem2,share=on,mem-path=virtio_pmem2.img,size=4G");
            emuhost.send("device_add virtio-pmem-pci,id=virtio_pmem2,memdev=mem2");
            emuhost.send("info memory-devices");
            emuhost.awaitStdout("(qemu) ", 4);
            assertTrue(emuhost.stdout().endsWith("(qemu) (qemu) (qemu) "
                    + "Memory device [virtio-pmem]: \"nv1\"\n"
                    + "  memaddr: 0x100000000\n"
                    + "  size: 4294967296\n"
                    + "  memdev: /objects/mem1\n"
                    + "Memory device [virtio-pmem]: \"virtio_pmem2\"\n"
                    + "  memaddr: 0x200000000\n"
                    + "  size: 4294967296\n"
                    + "  memdev: /objects/mem2\n"
                    + "(qemu) "), emuhost.stdout());

            emuhost.send("info memdev");
            emuhost.send("info pci");
            emuhost.send("help");
            emuhost.send("quit");
            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
            String out = emuhost.stdout();
            assertTrue(out.contains("memory backend: mem1\n  size:  4294967296\n  merge: true\n  dump: true\n"
                    + "  prealloc: false\n  share: true\n  reserve: true\n  policy: default\n  host nodes: \n"
                    + "memory backend: mem2\n  size:  4294967296\n"), out);
            assertTrue(out.contains("memory backend: pc.ram\n  size:  1073741824\n"), out);
            assertTrue(out.contains("  host nodes: \n\n(qemu) "), out);
            assertTrue(out.contains("  Bus  0, device   0, function 0:\n    Host bridge: PCI device 8086:1237\n"), out);
            assertTrue(out.contains("  Bus  0, device   1, function 0:\n    ISA bridge: PCI device 8086:7000\n"), out);
            assertTrue(out.contains("  Bus  0, device   2, function 0:\n    Class 0255: PCI device 1af4:105b\n"
                    + "      PCI subsystem 1af4:1100\n      IRQ "), out);
            assertTrue(out.contains("      id \"nv1\"\n  Bus  0, device   3, function 0:\n"), out);
            assertTrue(out.contains("      id \"virtio_pmem2\"\n(qemu) "), out);
            assertTrue(out.contains("object_add [qom-type=]type,id=str[,prop=value][,...] -- create QOM object\n"
                    + "object_del id -- destroy QOM object\nquit|q  -- quit the emulator\n(qemu) "), out);
            assertSparse4GiBFileWithMode0644(dir.resolve("virtio_pmem2.img"));
        }
    }

    private static void assertSparse4GiBFileWithMode0644(Path file) throws IOException, InterruptedException {
        assertEquals(FOUR_GIB, Files.size(file));
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertTrue(allocatedBlocks(file) < 1024, "allocated blocks of " + file + ": " + allocatedBlocks(file));
    }

    /** 512-byte blocks allocated to the file, from stat(1): the JDK does not expose st_blocks. */
    private static long allocatedBlocks(Path file) throws IOException, InterruptedException {
        Process stat = new ProcessBuilder("stat", "-c", "%b", file.toString()).start();
        String text = new String(stat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, stat.waitFor());
        return Long.parseLong(text);
    }
}
