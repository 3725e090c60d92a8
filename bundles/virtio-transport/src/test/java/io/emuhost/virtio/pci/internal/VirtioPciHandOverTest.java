package io.emuhost.virtio.pci.internal;

import static io.emuhost.virtio.pci.internal.PciTestBed.VERSION_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.bus.IoHandler;
import io.emuhost.api.bus.MmioBar;
import io.emuhost.api.bus.PciBar;
import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.bus.PciSlot;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.api.virtio.DescriptorChain;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.testkit.device.TestProperties;
import io.emuhost.testkit.virtqueue.Buffer;
import io.emuhost.testkit.virtqueue.DriverSplitQueue;
import io.emuhost.virtio.pci.internal.RecordingMsiSink.Message;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Live upgrade at the transport: a function is suspended and its state restored into a function
 * around a new device, which continues where the old one stopped, without a reset.
 */
class VirtioPciHandOverTest {

    private static final int MSIX_CAP = 0x98;
    private static final int MSIX_ENABLE = 0x8000;
    private static final long MSI_ADDRESS = 0xfee0_0000L;
    private static final long BUFFERS = 0x8000;

    private final VirtioPciTransport transport = new VirtioPciTransport();

    /** Device started with MSI-X vector 1 (data 0x41) on queue 0, and its ring as the driver sees it. */
    private static PciTestBed startedWithMsix(DriverSplitQueue[] ring) throws Exception {
        PciTestBed bed = PciTestBed.pmem("vectors", "2");
        bed.negotiate(VERSION_1);
        long desc = PciTestBed.descAddress(0);
        ring[0] = new DriverSplitQueue(bed.memory, 8, desc, desc + 0x1000, desc + 0x2000);
        bed.setUpQueue(0, 8);
        bed.driverOk();
        IoHandler bar1 = bed.bar(1);
        bar1.write(16, 4, MSI_ADDRESS);
        bar1.write(16 + 8, 4, 0x41);
        bar1.write(16 + 12, 4, 0);
        bed.write(CommonConfig.QUEUE_SELECT, 2, 0);
        bed.write(CommonConfig.QUEUE_MSIX_VECTOR, 2, 1);
        bed.function.writeConfig(MSIX_CAP + 2, 2, MSIX_ENABLE);
        return bed;
    }

    private static IoHandler bar4(PciFunction function) {
        for (PciBar bar : function.bars()) {
            if (bar.index() == 4) {
                return ((MmioBar) bar).handler();
            }
        }
        throw new AssertionError("no BAR4");
    }

    @Test
    void restoredFunction_continuesTheQueueAndKeepsRegistersAndMsix_withoutReset() throws Exception {
        DriverSplitQueue[] ring = new DriverSplitQueue[1];
        PciTestBed bed = startedWithMsix(ring);
        VirtQueue oldQueue = bed.device.lastActivation().queues().get(0);
        int first = ring[0].addChain(Buffer.writable(BUFFERS, 4));
        DescriptorChain popped = oldQueue.pop();
        assertEquals(first, popped.head());
        oldQueue.addUsed(popped.head(), 4);
        int second = ring[0].addChain(Buffer.writable(BUFFERS + 4, 4));

        DeviceState.Builder saved = DeviceState.builder("test");
        assertTrue(transport.suspend(bed.function, saved));
        TestVirtioDevice next = TestVirtioDevice.pmemLike();
        PciFunction restored = transport.restore(next, TestProperties.of("vectors", "2"), saved.build());
        RecordingMsiSink msi = new RecordingMsiSink();
        restored.plug(new PciSlot(0, 3, 0, bed.memory, msi, new RecordingIntxLine()));

        assertEquals(0, bed.device.resets);
        assertEquals(0, next.resets);
        assertEquals(1, next.activations.size());
        assertEquals(List.of(VERSION_1), next.driverFeatures);
        VirtQueue queue = next.lastActivation().queues().get(0);
        DescriptorChain chain = queue.pop();
        assertEquals(second, chain.head(), "the restored queue starts at the next available chain");
        queue.addUsed(chain.head(), 4);
        queue.notifyIfNeeded();
        assertEquals(2, ring[0].usedIdx());
        assertEquals(List.of(new Message(MSI_ADDRESS, 0x41)), msi.messages);
        IoHandler registers = bar4(restored);
        assertEquals(0x0f, registers.read(CommonConfig.DEVICE_STATUS, 1));
        assertEquals(PciTestBed.descAddress(0), registers.read(CommonConfig.QUEUE_DESC_LO, 4));
        assertEquals(1, registers.read(CommonConfig.QUEUE_ENABLE, 2));
        assertEquals(1, registers.read(CommonConfig.QUEUE_MSIX_VECTOR, 2));
        assertEquals(MSIX_ENABLE, restored.readConfig(MSIX_CAP + 2, 2) & MSIX_ENABLE);
    }

    @Test
    void suspendedFunction_sendsNothingAndTheOldDeviceGetsNoNotification() throws Exception {
        DriverSplitQueue[] ring = new DriverSplitQueue[1];
        PciTestBed bed = startedWithMsix(ring);
        assertTrue(transport.suspend(bed.function, DeviceState.builder("test")));

        bed.write(PciTestBed.NOTIFY, 2, 0);
        bed.device.lastActivation().interrupt().queue(0);

        assertTrue(bed.device.notifiedQueues.isEmpty());
        assertTrue(bed.msi.messages.isEmpty());
        assertEquals(1, bed.device.quiesces);
    }

    @Test
    void suspend_deviceThatCannotQuiesce_leavesTheFunctionServing() throws Exception {
        DriverSplitQueue[] ring = new DriverSplitQueue[1];
        PciTestBed bed = startedWithMsix(ring);
        bed.device.quiescable = false;
        DeviceState.Builder saved = DeviceState.builder("test");

        assertFalse(transport.suspend(bed.function, saved));

        assertTrue(saved.build().fields().isEmpty());
        bed.write(PciTestBed.NOTIFY, 2, 0);
        assertEquals(List.of(0), bed.device.notifiedQueues);
    }

    @Test
    void restore_stateOfADeviceWithOtherFeatures_isIncompatible() throws Exception {
        DriverSplitQueue[] ring = new DriverSplitQueue[1];
        PciTestBed bed = startedWithMsix(ring);
        DeviceState.Builder saved = DeviceState.builder("test");
        transport.suspend(bed.function, saved);
        TestVirtioDevice other = new TestVirtioDevice(27, 1, List.of(), 128);

        StateException e = assertThrows(StateException.Incompatible.class,
                () -> transport.restore(other, TestProperties.of("vectors", "2"), saved.build()));
        assertTrue(e.getMessage().contains("offered features"), e.getMessage());
    }

    @Test
    void restore_withOtherVectorCount_isIncompatible() throws Exception {
        DriverSplitQueue[] ring = new DriverSplitQueue[1];
        PciTestBed bed = startedWithMsix(ring);
        DeviceState.Builder saved = DeviceState.builder("test");
        transport.suspend(bed.function, saved);

        StateException e = assertThrows(StateException.Incompatible.class, () -> transport.restore(
                TestVirtioDevice.pmemLike(), TestProperties.of("vectors", "4"), saved.build()));
        assertTrue(e.getMessage().contains("MSI-X vectors 2 != 4"), e.getMessage());
    }

    @Test
    void restore_incompleteState_namesTheMissingField() {
        DeviceState empty = DeviceState.builder("virtio-pmem-pci").build();

        StateException e = assertThrows(StateException.MissingField.class, () -> transport.restore(
                TestVirtioDevice.pmemLike(), TestProperties.of("vectors", "2"), empty));
        assertEquals("saved state of virtio-pmem-pci has no field 'virtio-pci.msix.vectors'", e.getMessage());
    }
}
