package io.emuhost.virtio.pci.internal;

import static io.emuhost.virtio.pci.internal.PciTestBed.RING_RESET;
import static io.emuhost.virtio.pci.internal.PciTestBed.VERSION_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.virtio.ActivationContext;
import io.emuhost.api.virtio.DescriptorChain;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.testkit.virtqueue.Buffer;
import io.emuhost.testkit.virtqueue.DriverSplitQueue;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommonConfigTest {

    private static final int ACK_DRIVER = 0x03;
    private static final int ACK_DRIVER_FEATURES_OK = 0x0b;
    private static final long DEVICE_BIT_0 = 1L;

    @Test
    void deviceFeature_deviceWithoutFeatures_matchesQemu() throws Exception {
        PciTestBed bed = PciTestBed.pmem();

        bed.write(CommonConfig.DEVICE_FEATURE_SELECT, 4, 0);
        long select0 = bed.read(CommonConfig.DEVICE_FEATURE, 4);
        bed.write(CommonConfig.DEVICE_FEATURE_SELECT, 4, 1);
        long select1 = bed.read(CommonConfig.DEVICE_FEATURE, 4);
        bed.write(CommonConfig.DEVICE_FEATURE_SELECT, 4, 2);
        long select2 = bed.read(CommonConfig.DEVICE_FEATURE, 4);

        assertEquals(0x3000_0000L, select0);
        assertEquals(0x0000_0101L, select1);
        assertEquals(0, select2);
    }

    @Test
    void deviceFeature_ringFeaturesOff_offersVersion1Only() throws Exception {
        PciTestBed bed = PciTestBed.pmem("indirect_desc", "off", "event_idx", "off", "queue_reset", "off");

        assertEquals(VERSION_1, bed.offeredFeatures());
    }

    @Test
    void deviceFeature_includesDeviceBits() throws Exception {
        PciTestBed bed = new PciTestBed(new TestVirtioDevice(27, DEVICE_BIT_0, List.of(), 128));

        assertEquals(0x101_3000_0001L, bed.offeredFeatures());
    }

    @Test
    void numQueues_reportsTheDeviceQueueCount() throws Exception {
        PciTestBed bed = new PciTestBed(new TestVirtioDevice(1, 0, List.of(), 256, 256, 64));

        assertEquals(3, bed.read(CommonConfig.NUM_QUEUES, 2));
    }

    @Test
    void queueSelect_reportsSizeAndNotifyOffOfEachQueue() throws Exception {
        PciTestBed bed = new PciTestBed(new TestVirtioDevice(1, 0, List.of(), 256, 64));

        bed.write(CommonConfig.QUEUE_SELECT, 2, 1);

        assertEquals(64, bed.read(CommonConfig.QUEUE_SIZE, 2));
        assertEquals(1, bed.read(CommonConfig.QUEUE_NOTIFY_OFF, 2));
    }

    @Test
    void queueSelect_beyondNumQueues_readsSizeZero() throws Exception {
        PciTestBed bed = PciTestBed.pmem();

        bed.write(CommonConfig.QUEUE_SELECT, 2, 5);

        assertEquals(0, bed.read(CommonConfig.QUEUE_SIZE, 2));
        assertEquals(5, bed.read(CommonConfig.QUEUE_NOTIFY_OFF, 2));
        assertEquals(0xffff, bed.read(CommonConfig.QUEUE_MSIX_VECTOR, 2));
    }

    @Test
    void queueSelect_1024OrMore_keepsThePreviousSelection() throws Exception {
        PciTestBed bed = PciTestBed.pmem();
        bed.write(CommonConfig.QUEUE_SELECT, 2, 3);

        bed.write(CommonConfig.QUEUE_SELECT, 2, 1024);

        assertEquals(3, bed.read(CommonConfig.QUEUE_SELECT, 2));
    }

    @Test
    void queueSize_smallerPowerOfTwo_isAccepted() throws Exception {
        PciTestBed bed = PciTestBed.pmem();

        bed.write(CommonConfig.QUEUE_SIZE, 2, 64);

        assertEquals(64, bed.read(CommonConfig.QUEUE_SIZE, 2));
    }

    @Test
    void queueSize_notPowerOfTwo_isIgnored() throws Exception {
        PciTestBed bed = PciTestBed.pmem();

        bed.write(CommonConfig.QUEUE_SIZE, 2, 100);

        assertEquals(128, bed.read(CommonConfig.QUEUE_SIZE, 2));
    }

    @Test
    void queueSize_aboveMaximum_isIgnored() throws Exception {
        PciTestBed bed = PciTestBed.pmem();

        bed.write(CommonConfig.QUEUE_SIZE, 2, 256);

        assertEquals(128, bed.read(CommonConfig.QUEUE_SIZE, 2));
    }

    @Test
    void queueAddresses_readBackAsHalves() throws Exception {
        PciTestBed bed = PciTestBed.pmem();

        bed.write(CommonConfig.QUEUE_DESC_LO, 8, 0x1_2345_6000L);

        assertEquals(0x2345_6000L, bed.read(CommonConfig.QUEUE_DESC_LO, 4));
        assertEquals(1, bed.read(CommonConfig.QUEUE_DESC_HI, 4));
        assertEquals(0x1_2345_6000L, bed.read(CommonConfig.QUEUE_DESC_LO, 8));
    }

    @Test
    void queueNotifyDataAndQueueReset_readZero() throws Exception {
        PciTestBed bed = PciTestBed.pmem();

        assertEquals(0, bed.read(CommonConfig.QUEUE_NOTIFY_DATA, 2));
        assertEquals(0, bed.read(CommonConfig.QUEUE_RESET, 2));
    }

    @Test
    void featuresOk_unofferedBit_isRefused() throws Exception {
        PciTestBed bed = PciTestBed.pmem();

        bed.negotiate(VERSION_1 | DEVICE_BIT_0);

        assertEquals(ACK_DRIVER, bed.status());
        assertTrue(bed.device.driverFeatures.isEmpty());
    }

    @Test
    void featuresOk_withoutVersion1_isRefused() throws Exception {
        PciTestBed bed = PciTestBed.pmem();

        bed.negotiate(0);

        assertEquals(ACK_DRIVER, bed.status());
        assertTrue(bed.device.driverFeatures.isEmpty());
    }

    @Test
    void featuresOk_offeredSubset_isKeptAndGivenToTheDevice() throws Exception {
        PciTestBed bed = PciTestBed.pmem();

        bed.negotiate(VERSION_1 | RING_RESET);

        assertEquals(ACK_DRIVER_FEATURES_OK, bed.status());
        assertEquals(List.of(VERSION_1 | RING_RESET), bed.device.driverFeatures);
    }

    @Test
    void driverFeature_readsBackWhatWasWritten() throws Exception {
        PciTestBed bed = PciTestBed.pmem();

        bed.write(CommonConfig.DRIVER_FEATURE_SELECT, 4, 1);
        bed.write(CommonConfig.DRIVER_FEATURE, 4, 0x101);

        assertEquals(0x101, bed.read(CommonConfig.DRIVER_FEATURE, 4));
    }

    @Test
    void driverOk_activatesTheDeviceWithItsQueuesAndFeatures() throws Exception {
        PciTestBed bed = PciTestBed.pmem();

        bed.start(VERSION_1);

        assertEquals(1, bed.device.activations.size());
        ActivationContext context = bed.device.lastActivation();
        assertSame(bed.memory, context.memory());
        assertEquals(VERSION_1, context.features());
        assertEquals(1, context.queues().size());
        assertEquals(8, context.queues().get(0).size());
        assertEquals(0x0f, bed.status());
    }

    @Test
    void driverOk_withoutFeaturesOk_isRefused() throws Exception {
        PciTestBed bed = PciTestBed.pmem();

        bed.write(CommonConfig.DEVICE_STATUS, 1, 0x07);

        assertEquals(ACK_DRIVER, bed.status());
        assertTrue(bed.device.activations.isEmpty());
    }

    @Test
    void activatedQueue_servesChainsTheDriverOffers() throws Exception {
        PciTestBed bed = PciTestBed.pmem();
        bed.start(VERSION_1);
        DriverSplitQueue driver = driverQueue(bed, 0);
        int head = driver.addChain(Buffer.readable(0x8000, 4), Buffer.writable(0x8100, 4));

        DescriptorChain chain = bed.device.lastActivation().queues().get(0).pop();

        assertEquals(head, chain.head());
        assertEquals(2, chain.count());
    }

    @Test
    void reset_clearsStatusFeaturesQueuesAndIsrButKeepsConfigGeneration() throws Exception {
        PciTestBed bed = PciTestBed.pmem("vectors", "0");
        bed.start(VERSION_1);
        bed.device.lastActivation().interrupt().needsReset();

        bed.write(CommonConfig.DEVICE_STATUS, 1, 0);

        assertEquals(0, bed.status());
        assertEquals(1, bed.device.resets);
        assertEquals(1, bed.read(CommonConfig.CONFIG_GENERATION, 1));
        assertEquals(0, bed.read(CommonConfig.QUEUE_ENABLE, 2));
        assertEquals(128, bed.read(CommonConfig.QUEUE_SIZE, 2));
        assertEquals(0, bed.read(CommonConfig.QUEUE_DESC_LO, 4));
        bed.write(CommonConfig.DRIVER_FEATURE_SELECT, 4, 1);
        assertEquals(0, bed.read(CommonConfig.DRIVER_FEATURE, 4));
        assertEquals(0, bed.read(PciTestBed.ISR, 1));
        assertFalse(bed.intx.asserted);
        assertNull(bed.device.lastActivation().queues().get(0).pop());
    }

    @Test
    void reset_thenSecondInitialization_activatesAgain() throws Exception {
        PciTestBed bed = PciTestBed.pmem();
        bed.start(VERSION_1);
        bed.write(CommonConfig.DEVICE_STATUS, 1, 0);

        bed.start(VERSION_1);

        assertEquals(2, bed.device.activations.size());
        assertEquals(List.of(VERSION_1, VERSION_1), bed.device.driverFeatures);
    }

    @Test
    void notify_selectsTheQueueByAddress() throws Exception {
        PciTestBed bed = new PciTestBed(new TestVirtioDevice(1, 0, List.of(), 8, 8));
        bed.start(VERSION_1);

        bed.write(PciTestBed.NOTIFY + 4, 2, 0);
        bed.write(PciTestBed.NOTIFY, 4, 0x1234);

        assertEquals(List.of(1, 0), bed.device.notifiedQueues);
    }

    @Test
    void notify_unknownQueue_isIgnored() throws Exception {
        PciTestBed bed = PciTestBed.pmem();
        bed.start(VERSION_1);

        bed.write(PciTestBed.NOTIFY + 4, 2, 1);

        assertTrue(bed.device.notifiedQueues.isEmpty());
    }

    @Test
    void notify_beforeDriverOk_isIgnored() throws Exception {
        PciTestBed bed = PciTestBed.pmem();
        bed.negotiate(VERSION_1);
        bed.setUpQueue(0, 8);

        bed.write(PciTestBed.NOTIFY, 2, 0);

        assertTrue(bed.device.notifiedQueues.isEmpty());
    }

    @Test
    void notify_queueNotEnabled_isIgnored() throws Exception {
        PciTestBed bed = new PciTestBed(new TestVirtioDevice(1, 0, List.of(), 8, 8));
        bed.negotiate(VERSION_1);
        bed.setUpQueue(0, 8);
        bed.driverOk();

        bed.write(PciTestBed.NOTIFY + 4, 2, 1);

        assertTrue(bed.device.notifiedQueues.isEmpty());
    }

    @Test
    void notify_whileNeedsReset_isIgnored() throws Exception {
        PciTestBed bed = PciTestBed.pmem();
        bed.start(VERSION_1);
        bed.device.lastActivation().interrupt().needsReset();

        bed.write(PciTestBed.NOTIFY, 2, 0);

        assertTrue(bed.device.notifiedQueues.isEmpty());
    }

    @Test
    void queueReset_detachesTheQueueAndReenableAttachesTheNewRing() throws Exception {
        PciTestBed bed = PciTestBed.pmem();
        bed.start(VERSION_1 | RING_RESET);
        VirtQueue queue = bed.device.lastActivation().queues().get(0);

        bed.write(CommonConfig.QUEUE_RESET, 2, 1);
        boolean enabledAfterReset = bed.read(CommonConfig.QUEUE_ENABLE, 2) == 1;
        int sizeAfterReset = queue.size();
        bed.setUpQueue(0, 16);
        DriverSplitQueue driver = new DriverSplitQueue(bed.memory, 16, PciTestBed.descAddress(0),
                PciTestBed.descAddress(0) + 0x1000, PciTestBed.descAddress(0) + 0x2000);
        driver.addChain(Buffer.readable(0x8000, 4));

        assertFalse(enabledAfterReset);
        assertEquals(0, sizeAfterReset);
        assertEquals(16, queue.size());
        assertNotNull(queue.pop());
        assertEquals(1, bed.device.activations.size());
    }

    @Test
    void queueReset_withoutRingResetNegotiated_isIgnored() throws Exception {
        PciTestBed bed = PciTestBed.pmem();
        bed.start(VERSION_1);

        bed.write(CommonConfig.QUEUE_RESET, 2, 1);

        assertEquals(1, bed.read(CommonConfig.QUEUE_ENABLE, 2));
    }

    @Test
    void queueMsixVector_withoutMsix_readsNoVector() throws Exception {
        PciTestBed bed = PciTestBed.pmem("vectors", "0");

        bed.write(CommonConfig.QUEUE_MSIX_VECTOR, 2, 0);
        bed.write(CommonConfig.CONFIG_MSIX_VECTOR, 2, 0);

        assertEquals(0xffff, bed.read(CommonConfig.QUEUE_MSIX_VECTOR, 2));
        assertEquals(0xffff, bed.read(CommonConfig.CONFIG_MSIX_VECTOR, 2));
    }

    @Test
    void queueMsixVector_inRangeSticksOutOfRangeReadsNoVector() throws Exception {
        PciTestBed bed = PciTestBed.pmem("vectors", "2");

        bed.write(CommonConfig.QUEUE_MSIX_VECTOR, 2, 1);
        long inRange = bed.read(CommonConfig.QUEUE_MSIX_VECTOR, 2);
        bed.write(CommonConfig.QUEUE_MSIX_VECTOR, 2, 2);
        long outOfRange = bed.read(CommonConfig.QUEUE_MSIX_VECTOR, 2);

        assertEquals(1, inRange);
        assertEquals(0xffff, outOfRange);
    }

    @Test
    void deviceConfig_readsDeviceBytesAndAllOnesBeyondItsSize() throws Exception {
        PciTestBed bed = PciTestBed.pmem();

        assertEquals(0x0b0a_0908L, bed.read(PciTestBed.DEVICE_CFG + 8, 4));
        assertEquals(0x0706_0504_0302_0100L, bed.read(PciTestBed.DEVICE_CFG, 8));
        assertEquals(0xffff_ffffL, bed.read(PciTestBed.DEVICE_CFG + 16, 4));
        assertEquals(0xffL, bed.read(PciTestBed.DEVICE_CFG + 20, 1));
    }

    @Test
    void deviceConfig_writeReachesTheDevice() throws Exception {
        PciTestBed bed = PciTestBed.pmem();

        bed.write(PciTestBed.DEVICE_CFG + 2, 2, 0xbeef);

        assertEquals((byte) 0xef, bed.device.config[2]);
        assertEquals((byte) 0xbe, bed.device.config[3]);
    }

    private static DriverSplitQueue driverQueue(PciTestBed bed, int queue) {
        long desc = PciTestBed.descAddress(queue);
        return new DriverSplitQueue(bed.memory, 8, desc, desc + 0x1000, desc + 0x2000);
    }
}
