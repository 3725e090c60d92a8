package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Monitor errors print and leave the machine running. */
class MonitorErrorsIT {

    @TempDir
    Path dir;

    @Test
    void badObjectAddAndUnknownCommand_printErrorsAndTheMachineGoesOn() throws Exception {
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-m", "1G,maxmem=8G", "-monitor", "stdio")) {
            emuhost.send("object_add memory-backend-file,id=mem2,share=on,mem-path=y.img,size=4KB");
            emuhost.send("xyz");
            emuhost.send("object_add memory-backend-file,id=mem2,share=on,mem-path=y.img,size=4K");
            emuhost.send("device_add virtio-pmem-pci,id=nv2,memdev=mem2");
            emuhost.send("info memory-devices");
            emuhost.send("quit");

            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
            assertTrue(emuhost.stdout().contains("(qemu) Error: Parameter 'size' expects size\n"
                    + "(qemu) unknown command: 'xyz'\n"
                    + "(qemu) (qemu) (qemu) Memory device [virtio-pmem]: \"nv2\"\n"
                    + "  memaddr: 0x100000000\n"
                    + "  size: 4096\n"), emuhost.stdout());
        }
    }
}
