package io.emuhost.testkit.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.testkit.virtqueue.Buffer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtioPciDriverTest {

    private static final long SCRATCH = 0x10000;
    private static final long SCRATCH_SIZE = 0x10000;
    private static final long BUFFERS = 0x40000;

    private final FakePciMachine machine = new FakePciMachine();
    private final FakeVirtioPmemFunction device = machine.function;

    private DriverOptions options() {
        return DriverOptions.of(0x1af4, 0x105b, SCRATCH, SCRATCH_SIZE).withTimeout(Duration.ofSeconds(5));
    }

    private int sendFlushChain(VirtioPciDriver driver) {
        return driver.queue(0).addIndirectChain(BUFFERS + 0x100, Buffer.readable(BUFFERS, 4),
                Buffer.writable(BUFFERS + 8, 4));
    }

    @Test
    void open_walksStatusLikeLinux() {
        VirtioPciDriver.open(machine, machine, options());

        assertEquals(List.of(0, 1, 3, 11, 15), device.statusWrites);
    }

    @Test
    void open_acceptsOfferedRingFeaturesOnly() {
        VirtioPciDriver driver = VirtioPciDriver.open(machine, machine, options());

        assertEquals(1L << 28 | 1L << 29 | 1L << 32, device.driverFeatures);
        assertEquals(device.driverFeatures, driver.features());
    }

    @Test
    void open_deviceRefusesFeaturesOk_throwsFeaturesNotAcceptedAndSetsFailed() {
        device.refuseFeaturesOk = true;

        assertThrows(VirtioDriverException.FeaturesNotAccepted.class,
                () -> VirtioPciDriver.open(machine, machine, options()));

        assertTrue(device.statusWrites.contains(0x80 | 3));
    }

    @Test
    void open_withoutVersion1_throwsFeatureNotOffered() {
        device.offered = 1L << 28;

        var e = assertThrows(VirtioDriverException.FeatureNotOffered.class,
                () -> VirtioPciDriver.open(machine, machine, options()));

        assertTrue(e.getMessage().contains("bit 32"));
    }

    @Test
    void open_noSuchDevice_throwsDeviceNotFound() {
        assertThrows(VirtioDriverException.DeviceNotFound.class,
                () -> VirtioPciDriver.open(machine, machine, options().withInstance(1)));
    }

    @Test
    void open_setsUpQueueInScratchAndEnablesIt() {
        VirtioPciDriver.open(machine, machine, options().withQueues(1, 64));

        assertEquals(64, device.queueSize);
        assertTrue(device.queueEnabled);
        assertTrue(device.queueDesc >= SCRATCH && device.queueDesc % 4096 == 0);
        assertTrue(device.queueDriver > device.queueDesc && device.queueDevice > device.queueDriver);
        assertTrue(device.queueDevice + 6 + 8 * 64 <= SCRATCH + SCRATCH_SIZE);
    }

    @Test
    void open_msix_programsDistinctVectorsAndEnablesFunction() {
        VirtioPciDriver driver = VirtioPciDriver.open(machine, machine, options());

        assertTrue(driver.usesMsix());
        assertTrue(device.msixEnabled());
        assertEquals(0, device.configVector);
        assertEquals(1, device.queueVector);
        assertEquals(0xfee0_0000, device.msixEntry(0, 0));
        assertEquals(0xfee0_0000, device.msixEntry(1, 0));
        assertTrue(device.msixEntry(0, 8) != device.msixEntry(1, 8));
        assertEquals(0, device.msixEntry(1, 12));
    }

    @Test
    void open_noMsixCapability_usesIntx() {
        device.msix = false;

        VirtioPciDriver driver = VirtioPciDriver.open(machine, machine, options());

        assertFalse(driver.usesMsix());
    }

    @Test
    void open_ecam_reachesTheSameDevice() {
        VirtioPciDriver driver = VirtioPciDriver.open(machine, machine,
                options().withConfigMechanism(ConfigMechanism.ECAM));

        assertEquals(new PciAddress(0, 3, 0), driver.address());
    }

    @Test
    void kickAndAwaitUsed_msix_returnsElementAfterQueueInterrupt() throws Exception {
        VirtioPciDriver driver = VirtioPciDriver.open(machine, machine, options());
        int head = sendFlushChain(driver);

        assertTrue(driver.kickIfNeeded(0));
        int usedLength = driver.awaitUsed(0, head);

        assertEquals(4, usedLength);
        assertEquals(1, driver.interruptCount(1));
        assertEquals(driver.queue(0).size(), driver.queue(0).freeDescriptors());
    }

    @Test
    void awaitUsed_intx_readsIsrWhichDeassertsLine() throws Exception {
        device.msix = false;
        VirtioPciDriver driver = VirtioPciDriver.open(machine, machine, options());
        int head = sendFlushChain(driver);

        driver.kick(0);
        driver.awaitUsed(0, head);

        assertEquals(1, driver.interruptCount(0));
        assertFalse(device.lineAsserted);
    }

    @Test
    void awaitUsed_noInterrupt_throwsCompletionTimeout() {
        device.suppressInterrupts = true;
        VirtioPciDriver driver = VirtioPciDriver.open(machine, machine, options().withTimeout(Duration.ofMillis(50)));
        int head = sendFlushChain(driver);
        driver.kick(0);

        assertThrows(VirtioDriverException.CompletionTimeout.class, () -> driver.awaitUsed(0, head));
    }

    @Test
    void awaitUsed_functionRemovedWhileWaiting_throwsDeviceRemovedBeforeTheTimeout() {
        VirtioPciDriver driver = VirtioPciDriver.open(machine, machine, options().withTimeout(Duration.ofHours(1)));
        int head = sendFlushChain(driver);
        boolean presentBefore = driver.present();

        machine.removed = true;

        assertTrue(presentBefore);
        assertFalse(driver.present());
        assertThrows(VirtioDriverException.DeviceRemoved.class, () -> driver.awaitUsed(0, head));
    }

    @Test
    void awaitUsed_answeredWithoutAnInterruptThenRemoved_findsTheAnswerInTheUsedRing() throws Exception {
        device.suppressInterrupts = true;
        VirtioPciDriver driver = VirtioPciDriver.open(machine, machine, options().withTimeout(Duration.ofHours(1)));
        int head = sendFlushChain(driver);
        driver.kick(0);

        machine.removed = true;

        assertEquals(4, driver.awaitUsed(0, head));
    }

    @Test
    void awaitUsed_answeredThenRemoved_returnsTheAnswer() throws Exception {
        VirtioPciDriver driver = VirtioPciDriver.open(machine, machine, options());
        int head = sendFlushChain(driver);
        driver.kick(0);

        machine.removed = true;

        assertEquals(4, driver.awaitUsed(0, head));
    }

    @Test
    void awaitUsed_deviceNeedsReset_throwsDeviceNeedsReset() {
        device.needsResetOnNotify = true;
        VirtioPciDriver driver = VirtioPciDriver.open(machine, machine, options());
        int head = sendFlushChain(driver);
        driver.kick(0);

        var e = assertThrows(VirtioDriverException.DeviceNeedsReset.class, () -> driver.awaitUsed(0, head));

        assertEquals(0x4f, e.status());
    }

    @Test
    void awaitUsed_intxDeviceNeedsReset_throwsDeviceNeedsReset() {
        device.msix = false;
        device.needsResetOnNotify = true;
        VirtioPciDriver driver = VirtioPciDriver.open(machine, machine, options());
        int head = sendFlushChain(driver);
        driver.kick(0);

        assertThrows(VirtioDriverException.DeviceNeedsReset.class, () -> driver.awaitUsed(0, head));
    }

    @Test
    void deviceConfig_generationChangesDuringRead_retries() {
        VirtioPciDriver driver = VirtioPciDriver.open(machine, machine, options());
        device.bumpGenerationOnce = true;

        assertEquals(FakeVirtioPmemFunction.PMEM_BASE, driver.deviceConfig().read64(0));
    }

    @Test
    void close_resetsDeviceAndStopsListening() {
        VirtioPciDriver driver = VirtioPciDriver.open(machine, machine, options());

        driver.close();

        assertEquals(0, device.statusWrites.get(device.statusWrites.size() - 1));
        assertTrue(machine.listeners.isEmpty());
    }
}
