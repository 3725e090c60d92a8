package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.testkit.driver.VirtioPmemDriver;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FLUSH whose rings live in QEMU's memfd and whose completion interrupt reaches QEMU's irq
 * eventfd: the guest driver of the testkit stands in for QEMU's vCPU (it reaches the machine's
 * bus directly, as the proxy's forwarded accesses do).
 */
class InterruptPathTest {

    private static final long MIB = RemoteRig.MIB;
    private static final int GSI = 11;

    @TempDir
    Path dir;
    private RemoteRig rig;
    private RemoteRig.Served served;
    private FakeQemu qemu;

    @BeforeEach
    void connect() throws Exception {
        rig = new RemoteRig(dir).withPmem();
        served = rig.serve();
        qemu = served.qemu();
    }

    @AfterEach
    void disconnect() throws Exception {
        served.close();
        rig.close();
    }

    @Test
    void flushCompletion_raisesIntxThroughTheIrqEventfd() throws Exception {
        int ram = Fds.memfd("qemu-ram", 64 * MIB);
        int irq = Fds.eventfd();
        int resample = Fds.eventfd();
        qemu.syncSysmem(new long[] {0}, new long[] {64 * MIB}, new long[] {0}, ram);
        qemu.setIrqfd(irq, resample);
        qemu.configWrite(0x3c, 1, GSI); // firmware routes INTA# (forwarded like every config write)

        try (VirtioPmemDriver driver = VirtioPmemDriver.open(rig.machine.bus(), rig.machine.interrupts(),
                VirtioPmemDriver.options(0x10_0000, 0x10_0000))) {
            assertEquals(0, driver.flush(), "VIRTIO_PMEM_RESP ret 0");
        }

        assertTrue(Fds.readable(irq, 2000), "the irq eventfd was written");
        assertTrue(Fds.readCounter(irq) >= 1);
        byte[] scratch = new byte[4096];
        TestLibC.pread(ram, scratch, scratch.length, 0x10_0000);
        assertTrue(nonZero(scratch), "the driver's ring lives in QEMU's memfd");
        Fds.close(ram, irq, resample);
    }

    private static boolean nonZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return true;
            }
        }
        return false;
    }
}
