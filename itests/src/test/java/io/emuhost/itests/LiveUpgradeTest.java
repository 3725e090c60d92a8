package io.emuhost.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.machine.Frontend;
import io.emuhost.backend.file.internal.FileBackendFactory;
import io.emuhost.backend.file.internal.RamBackendFactory;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.machine.internal.SwitchableFactories;
import io.emuhost.testkit.driver.DriverOptions;
import io.emuhost.testkit.driver.VirtioPciDriver;
import io.emuhost.testkit.driver.VirtioPmemDriver;
import io.emuhost.testkit.virtqueue.Buffer;
import io.emuhost.testkit.virtqueue.DriverSplitQueue;
import io.emuhost.virtio.pci.internal.VirtioPciTransport;
import io.emuhost.virtio.pmem.internal.VirtioPmemPciDevice;
import io.emuhost.virtio.pmem.internal.VirtioPmemPciFactory;
import io.emuhost.virtio.rng.internal.VirtioRngPciFactory;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Live device upgrade in one JVM: the virtio-pmem factory (and the transport under it) is
 * replaced while a guest driver flushes in a loop, as when the bundles are updated. Each
 * replacement is a new factory over a new transport instance, so the state crosses both.
 */
class LiveUpgradeTest {

    private static final String DRIVER = "virtio-pmem-pci";
    private static final String RNG = "virtio-rng-pci";
    private static final int UPGRADES = 25;
    private static final long WAIT_SECONDS = 30;

    @TempDir
    Path dir;

    private SwitchableFactories factories;
    private MachineImpl machine;
    private Path file;

    @BeforeEach
    void assemble() throws Exception {
        factories = new SwitchableFactories(Map.of("memory-backend-file", new FileBackendFactory(),
                "memory-backend-ram", new RamBackendFactory()));
        factories.arrive(DRIVER, newVersion());
        factories.arrive(RNG, new VirtioRngPciFactory(new VirtioPciTransport()));
        machine = new MachineImpl(PmemMachines.CONFIG, factories, System.err);
        file = dir.resolve("pmem.img");
        PmemMachines.addPmem(machine, "nv1", "mem1", file, "64M");
    }

    @AfterEach
    void close() {
        machine.close();
    }

    private static VirtioPmemPciFactory newVersion() {
        return new VirtioPmemPciFactory(new VirtioPciTransport());
    }

    private VirtioPmemDriver driver(boolean msix) {
        return VirtioPmemDriver.open(machine.bus(), machine.interrupts(), PmemMachines.driverOptions(0).withMsix(msix));
    }

    /** A guest thread that writes and flushes until told to stop. */
    private static final class FlushLoop extends Thread {
        private final VirtioPmemDriver driver;
        private volatile boolean stop;
        private volatile long answered;
        private volatile long failed;
        private volatile Throwable unexpected;

        FlushLoop(VirtioPmemDriver driver) {
            super("guest-flush-loop");
            this.driver = driver;
        }

        @Override
        public void run() {
            byte[] record = new byte[8];
            try {
                for (long n = 0; !stop; n++) {
                    record[0] = (byte) n;
                    driver.write(8 * (n % 512), record);
                    if (driver.flush() == 0) {
                        answered++;
                    } else {
                        failed++;
                    }
                }
            } catch (Throwable t) {
                unexpected = t;
            }
        }

        void awaitMore(long than) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (answered <= than && isAlive() && System.nanoTime() - deadline < 0) {
                Thread.sleep(1);
            }
        }
    }

    @ParameterizedTest(name = "msix={0}")
    @ValueSource(booleans = {true, false})
    void upgrades_whileFlushing_noErrorNoLostNoDuplicatedCompletion(boolean msix) throws Exception {
        VirtioPmemDriver driver = driver(msix);
        FlushLoop loop = new FlushLoop(driver);
        loop.start();
        Device first = machine.device("nv1").orElseThrow();
        for (int upgrade = 0; upgrade < UPGRADES; upgrade++) {
            loop.awaitMore(loop.answered);
            factories.leave(DRIVER);
            factories.arrive(DRIVER, newVersion());
        }
        loop.awaitMore(loop.answered);
        loop.stop = true;
        loop.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

        assertFalse(loop.isAlive(), "the driver hangs");
        assertNull(loop.unexpected);
        assertEquals(0, loop.failed);
        assertTrue(loop.answered > UPGRADES, loop.answered + " flushes answered");
        DriverSplitQueue queue = driver.pciDriver().queue(0);
        // not lost (each flush waited for its own completion) and not duplicated: one used entry
        // per published request, across every hand-over
        assertEquals(queue.availIdx(), queue.usedIdx());
        assertEquals(loop.answered & 0xffff, queue.usedIdx());
        VirtioPmemPciDevice last = (VirtioPmemPciDevice) machine.device("nv1").orElseThrow();
        assertNotSame(first, last);
        // the statistics travel with the state
        assertEquals(loop.answered, last.virtioDevice().statistics().requests());
        assertTrue(driver.pciDriver().present());
        assertEquals(0, driver.flush());
    }

    @Test
    void flushDuringTheGap_isHeldAndAnsweredByTheRestoredDevice() throws Exception {
        VirtioPmemDriver driver = driver(true);
        byte[] data = PmemMachines.pattern(3, 4096);
        driver.write(0x2000, data);
        factories.leave(DRIVER);
        // the memory stays mapped and the device stays listed while no factory serves it
        assertArrayEquals(data, driver.read(0x2000, data.length));
        assertEquals(1, machine.memoryDevices().size());
        assertTrue(machine.device("nv1").isPresent());
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> PmemMachines.addPmem(machine, "nv2", "mem2", dir.resolve("other.img"), "2M"));
        assertEquals("'virtio-pmem-pci' is not a valid device model name", refused.getMessage());

        CompletableFuture<Integer> flush = CompletableFuture.supplyAsync(() -> {
            try {
                return driver.flush();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(flush.isDone(), "answered without a device");

        factories.arrive(DRIVER, newVersion());
        assertEquals(0, flush.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertArrayEquals(data, HostFiles.read(file, 0x2000, data.length));
    }

    @Test
    void flushLimitSetAtRunTime_survivesTheUpgrade_andCannotChangeDuringTheGap() throws Exception {
        VirtioPmemDriver driver = driver(true);
        machine.setDeviceProperties("nv1", Map.of("flush-ops", 1L, "flush-ops-burst", 3L), Frontend.QMP);
        for (int i = 0; i < 3; i++) {
            assertEquals(0, driver.flush());
        }
        factories.leave(DRIVER);
        ConfigurationException gap = assertThrows(ConfigurationException.class,
                () -> machine.setDeviceProperties("nv1", Map.of("flush-ops", 1L), Frontend.QMP));
        assertEquals("Device 'nv1' is being upgraded, try again", gap.getMessage());

        factories.arrive(DRIVER, newVersion());

        // created without flush-ops: the restored device has the value set at run time
        Map<String, Object> values = machine.device("nv1").orElseThrow().qomProperties();
        assertEquals(1L, values.get("flush-ops"));
        assertEquals(3L, values.get("flush-ops-burst"));
        // the burst was spent before the upgrade, and the bucket kept it: the next FLUSH waits for
        // a refill (up to 1 s), and is answered
        assertEquals(0, driver.flush());
        assertTrue(((VirtioPmemPciDevice) machine.device("nv1").orElseThrow()).virtioDevice().statistics()
                .throttles() > 0);
    }

    @Test
    void suspendedDevice_canBeDeleted_andItsSlotAndBackendAreFree() throws Exception {
        driver(true).close();
        factories.leave(DRIVER);
        machine.deleteDevice("nv1");
        assertTrue(machine.device("nv1").isEmpty());
        assertTrue(machine.memoryDevices().isEmpty());

        factories.arrive(DRIVER, newVersion());
        Device again = machine.addDevice(DRIVER, Map.of("id", "nv1", "memdev", "mem1"), Frontend.COMMAND_LINE);
        VirtioPmemDriver driver = driver(true);
        assertEquals(0, driver.flush());
        assertSame(again, machine.device("nv1").orElseThrow());
    }

    @Test
    void rngDevice_requestMadeDuringTheGap_isFilledByTheRestoredDevice() throws Exception {
        machine.addDevice(RNG, Map.of("id", "rng0"), Frontend.COMMAND_LINE);
        try (VirtioPciDriver rng = VirtioPciDriver.open(machine.bus(), machine.interrupts(), DriverOptions.of(
                0x1af4, 0x1044, PmemMachines.SCRATCH_BASE + PmemMachines.SCRATCH_SIZE, PmemMachines.SCRATCH_SIZE))) {
            long buffer = rng.allocate(64, 64);
            int head = rng.queue(0).addChain(Buffer.writable(buffer, 64));
            rng.kickIfNeeded(0);
            assertEquals(64, rng.awaitUsed(0, head));

            factories.leave(RNG);
            head = rng.queue(0).addChain(Buffer.writable(buffer, 64));
            rng.kickIfNeeded(0);
            factories.arrive(RNG, new VirtioRngPciFactory(new VirtioPciTransport()));

            assertEquals(64, rng.awaitUsed(0, head));
            assertEquals(2, rng.queue(0).usedIdx());
        }
    }

    @ParameterizedTest(name = "msix={0}")
    @ValueSource(booleans = {true, false})
    void backendFactoriesReplaced_whileFlushing_memoryStaysAndFlushesGoOn(boolean msix) throws Exception {
        VirtioPmemDriver driver = driver(msix);
        FlushLoop loop = new FlushLoop(driver);
        loop.start();
        for (int upgrade = 0; upgrade < UPGRADES; upgrade++) {
            loop.awaitMore(loop.answered);
            factories.leaveObject("memory-backend-file");
            factories.leaveObject("memory-backend-ram");
            factories.arriveObject("memory-backend-ram", new RamBackendFactory());
            factories.arriveObject("memory-backend-file", new FileBackendFactory());
        }
        loop.awaitMore(loop.answered);
        loop.stop = true;
        loop.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));

        assertFalse(loop.isAlive(), "the driver hangs");
        assertNull(loop.unexpected);
        assertEquals(0, loop.failed);
        DriverSplitQueue queue = driver.pciDriver().queue(0);
        assertEquals(queue.availIdx(), queue.usedIdx());
        byte[] data = PmemMachines.pattern(11, 4096);
        driver.write(0x8000, data);
        assertEquals(0, driver.flush());
        assertArrayEquals(data, HostFiles.read(file, 0x8000, data.length));
        // the main RAM (rings, requests) and the pmem range were never unmapped
        assertEquals(1, machine.memoryDevices().size());
    }

    @Test
    void backendWaitingForItsFactory_keepsItsMemory_refusesObjectDel_andFlushesOnceAdopted() throws Exception {
        VirtioPmemDriver driver = driver(true);
        byte[] data = PmemMachines.pattern(5, 4096);
        driver.write(0x4000, data);
        machine.addObject("memory-backend-file", Map.of("id", "spare", "mem-path", dir.resolve("spare.img").toString(),
                "size", "2M"), Frontend.COMMAND_LINE);
        factories.leaveObject("memory-backend-file");

        assertArrayEquals(data, driver.read(0x4000, data.length), "the guest's memory went away");
        ConfigurationException refused = assertThrows(ConfigurationException.class,
                () -> machine.deleteObject("spare"));
        assertEquals("object 'spare' is being handed over to another version of its bundle, can not be deleted",
                refused.getMessage());
        CompletableFuture<Integer> flush = CompletableFuture.supplyAsync(() -> {
            try {
                return driver.flush();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Thread.sleep(100);
        assertFalse(flush.isDone(), "flushed without a backend to fsync");

        factories.arriveObject("memory-backend-file", new FileBackendFactory());
        assertEquals(0, flush.get(WAIT_SECONDS, TimeUnit.SECONDS));
        assertArrayEquals(data, HostFiles.read(file, 0x4000, data.length));
        machine.deleteObject("spare");
        assertTrue(machine.object("spare").isEmpty());
    }
}
