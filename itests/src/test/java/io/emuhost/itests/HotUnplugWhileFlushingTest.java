package io.emuhost.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.machine.Frontend;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.testkit.driver.VirtioDriverException;
import io.emuhost.testkit.driver.VirtioPmemDriver;
import io.emuhost.virtio.pmem.internal.PmemStatistics;
import io.emuhost.virtio.pmem.internal.VirtioPmemPciDevice;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code device_del} of a virtio-pmem device while a guest driver flushes in a loop, what QEMU
 * refuses. What the driver sees: every flush it sent before the function left is answered with
 * ret 0 (the device answers what was available before it leaves, with an interrupt); the flush
 * in flight when the function is gone fails with {@link VirtioDriverException.DeviceRemoved}; it
 * never hangs and never gets any other answer. Afterwards the same id and address plug again and
 * flush, over the same data.
 */
class HotUnplugWhileFlushingTest {

    private static final String MEMADDR = "0x100000000";
    private static final int ROUNDS = 8;
    private static final int FLUSHES_BEFORE_UNPLUG = 3;
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    private MachineImpl machine;
    private Path file;

    @BeforeEach
    void assemble() throws Exception {
        machine = PmemMachines.machine();
        file = dir.resolve("pmem.img");
        machine.addObject("memory-backend-file", Map.of("id", "mem1", "mem-path", file.toString(), "size", "64M",
                "share", "on"), Frontend.COMMAND_LINE);
    }

    @AfterEach
    void close() {
        machine.close();
    }

    private VirtioPmemPciDevice plug(boolean msix) throws Exception {
        return (VirtioPmemPciDevice) machine.addDevice("virtio-pmem-pci", Map.of("id", "nv1", "memdev", "mem1",
                "memaddr", MEMADDR, "vectors", msix ? "2" : "0"), Frontend.COMMAND_LINE);
    }

    /** A guest thread writing and flushing until the device goes away. */
    private static final class FlushLoop extends Thread {
        private final VirtioPmemDriver driver;
        private volatile long answered;
        private volatile long failedAnswers;
        private volatile boolean removed;
        private volatile Throwable unexpected;

        FlushLoop(VirtioPmemDriver driver) {
            super("guest-flush-loop");
            this.driver = driver;
        }

        @Override
        public void run() {
            byte[] record = new byte[8];
            try {
                for (long n = 0; ; n++) {
                    record[0] = (byte) n;
                    driver.write(8 * (n % 512), record);
                    int ret = driver.flush();
                    if (ret == 0) {
                        answered++;
                    } else {
                        failedAnswers++;
                    }
                }
            } catch (VirtioDriverException.DeviceRemoved e) {
                removed = true;
            } catch (Throwable t) {
                unexpected = t;
            }
        }
    }

    private static void awaitAnswers(FlushLoop loop, long count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (loop.answered < count && loop.isAlive() && System.nanoTime() - deadline < 0) {
            Thread.sleep(1);
        }
    }

    @ParameterizedTest(name = "msix={0}")
    @ValueSource(booleans = {true, false})
    void deviceDel_whileFlushing_answersEveryAcceptedFlushThenReportsRemoval(boolean msix) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            VirtioPmemPciDevice device = plug(msix);
            PmemStatistics statistics = device.virtioDevice().statistics();
            VirtioPmemDriver driver = VirtioPmemDriver.open(machine.bus(), machine.interrupts(),
                    PmemMachines.driverOptions(0).withMsix(msix));
            FlushLoop loop = new FlushLoop(driver);
            loop.start();
            awaitAnswers(loop, FLUSHES_BEFORE_UNPLUG);
            int publishedBeforeUnplug = driver.pciDriver().queue(0).availIdx();

            machine.deleteDevice("nv1");
            loop.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

            assertFalse(loop.isAlive(), "round " + round + ": the driver hangs");
            assertNull(loop.unexpected, "round " + round);
            assertTrue(loop.removed, "round " + round);
            assertEquals(0, loop.failedAnswers, "round " + round);
            // no completion lost: every flush made available before device_del began was answered
            assertTrue(loop.answered >= publishedBeforeUnplug, "round " + round + ": " + loop.answered
                    + " answered, " + publishedBeforeUnplug + " published before the unplug");
            // every request the device completed reached the driver, and every answer came from it
            assertEquals(statistics.requests(), loop.answered, "round " + round);
            assertEquals(0, statistics.errors(), "round " + round);
            assertFalse(driver.pciDriver().present());
            driver.close();
        }
    }

    @ParameterizedTest(name = "msix={0}")
    @ValueSource(booleans = {true, false})
    void deviceDel_thenPlugAgain_sameIdAndAddressFlushOverTheSameData(boolean msix) throws Exception {
        plug(msix);
        VirtioPmemDriver before = VirtioPmemDriver.open(machine.bus(), machine.interrupts(),
                PmemMachines.driverOptions(0).withMsix(msix));
        byte[] data = PmemMachines.pattern(7, 4096);
        before.write(0x1000, data);
        assertEquals(0, before.flush());
        machine.deleteDevice("nv1");
        before.close();

        plug(msix);
        VirtioPmemDriver after = VirtioPmemDriver.open(machine.bus(), machine.interrupts(),
                PmemMachines.driverOptions(0).withMsix(msix));
        byte[] more = PmemMachines.pattern(8, 512);
        after.write(0x3000, more);

        assertEquals(0x1_0000_0000L, after.start());
        assertArrayEquals(data, after.read(0x1000, data.length));
        assertEquals(0, after.flush());
        assertArrayEquals(more, HostFiles.read(file, 0x3000, more.length));
        assertTrue(machine.device("nv1").isPresent());
    }
}
