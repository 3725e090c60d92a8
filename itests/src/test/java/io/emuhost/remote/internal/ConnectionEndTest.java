package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuhost.testkit.driver.VirtioPmemDriver;
import io.emuhost.virtio.pmem.internal.PmemStatistics;
import io.emuhost.virtio.pmem.internal.VirtioPmemPciDevice;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The end of a QEMU connection while the guest's driver still has the device live: what a guest
 * that powers off without resetting its virtio devices leaves behind (Linux 6.1; 6.12 resets them
 * in virtio_dev_shutdown, but a QEMU that dies or is killed leaves any guest so), and then the
 * host's own teardown (device_del, machine shutdown) that drains the device. The device must be
 * reset before the machine gets its own RAM back: otherwise the drain reads the request queue's
 * avail index from emuhost's RAM, finds 0 where the guest had made 5 available, and reports
 * {@code NeedsResetLatch: virtio-pmem device needs reset: Guest moved avail index from 5 to 0}.
 */
class ConnectionEndTest {

    private static final long MIB = RemoteRig.MIB;
    private static final int GSI = 11;
    private static final int FLUSHES = 5;

    @TempDir
    Path dir;
    private RemoteRig rig;
    private RemoteRig.Served served;
    private int ram;
    private int irq;
    private int resample;

    @BeforeEach
    void connect() throws Exception {
        rig = new RemoteRig(dir).withPmem();
        served = rig.serve();
        ram = Fds.memfd("qemu-ram", 64 * MIB);
        irq = Fds.eventfd();
        resample = Fds.eventfd();
        served.qemu().syncSysmem(new long[] {0}, new long[] {64 * MIB}, new long[] {0}, ram);
        served.qemu().setIrqfd(irq, resample);
        served.qemu().configWrite(0x3c, 1, GSI);
    }

    @AfterEach
    void close() throws Exception {
        served.close();
        rig.close();
        Fds.close(ram, irq, resample);
    }

    @Test
    void qemuClosesWithTheDriverLive_theDeviceIsResetBeforeTheRamGoes_andDeviceDelDrainsNothingFromEmuhostsRam()
            throws Exception {
        // the rings at 1 MiB: inside emuhost's own 128 MiB too, which reads zeros there
        VirtioPmemDriver driver = VirtioPmemDriver.open(rig.machine.bus(), rig.machine.interrupts(),
                VirtioPmemDriver.options(0x10_0000, 0x10_0000));
        for (int i = 0; i < FLUSHES; i++) {
            assertEquals(0, driver.flush(), "VIRTIO_PMEM_RESP ret 0");
        }
        PmemStatistics statistics = ((VirtioPmemPciDevice) rig.machine.device(RemoteRig.DEVICE).orElseThrow())
                .virtioDevice().statistics();

        served.qemu().close(); // QEMU exits; the guest never reset the device
        served.end().get(10, TimeUnit.SECONDS);

        assertEquals(0, driver.pciDriver().status(), "device_status: reset when its guest went");
        rig.machine.deleteDevice(RemoteRig.DEVICE); // drains what is available
        assertEquals(FLUSHES, statistics.requests());
        assertEquals(0, statistics.errors(), "no DEVICE_NEEDS_RESET from rings read in the wrong memory");
    }

    @Test
    void qemuClosesWithTheDriverLive_theMachinesShutdownDrainsWithoutAnError() throws Exception {
        VirtioPmemDriver driver = VirtioPmemDriver.open(rig.machine.bus(), rig.machine.interrupts(),
                VirtioPmemDriver.options(0x10_0000, 0x10_0000));
        for (int i = 0; i < FLUSHES; i++) {
            driver.flush();
        }
        PmemStatistics statistics = ((VirtioPmemPciDevice) rig.machine.device(RemoteRig.DEVICE).orElseThrow())
                .virtioDevice().statistics();

        served.qemu().close();
        served.end().get(10, TimeUnit.SECONDS);
        rig.close(); // emuhost quits: devices first (their drain), then objects

        assertEquals(0, statistics.errors());
    }
}
