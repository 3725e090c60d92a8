package io.emuhost.virtio.pci.internal;

import static io.emuhost.virtio.pci.internal.PciTestBed.VERSION_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.virtio.ActivationContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the device is given at DRIVER_OK (only the queues the driver enabled, by index) and what
 * it is asked when its function leaves the bus (quiesce, then reset).
 */
class QueueActivationTest {

    private static PciTestBed twoQueues() throws Exception {
        return new PciTestBed(new TestVirtioDevice(27, 0, List.of(), 16, 16));
    }

    @Test
    void driverOk_withOneOfTwoQueuesEnabled_activatesWithThatQueueOnly() throws Exception {
        PciTestBed bed = twoQueues();
        bed.negotiate(VERSION_1);
        bed.setUpQueue(1, 8);

        bed.driverOk();

        ActivationContext context = bed.device.lastActivation();
        assertEquals(1, context.queues().size());
        assertEquals(1, context.queues().get(0).index());
        assertSame(context.queues().get(0), context.queue(1));
        assertNull(context.queue(0));
    }

    @Test
    void queueEnabledAfterDriverOk_thatWasNotActivated_isNotTheDevicesAndIgnoresNotifications() throws Exception {
        PciTestBed bed = twoQueues();
        bed.negotiate(VERSION_1);
        bed.setUpQueue(1, 8);
        bed.driverOk();

        bed.setUpQueue(0, 8);
        bed.write(PciTestBed.NOTIFY, 2, 0);
        bed.write(PciTestBed.NOTIFY + 4, 2, 0);

        assertEquals(List.of(1), bed.device.notifiedQueues);
        assertEquals(1, bed.device.activations.size());
    }

    @Test
    void unplug_ofAnActiveDevice_quiescesItBeforeTheReset() throws Exception {
        PciTestBed bed = PciTestBed.pmem();
        bed.start(VERSION_1);

        bed.function.unplug();

        assertEquals(List.of("quiesce", "reset"), bed.device.lifecycle);
    }

    @Test
    void unplug_beforeDriverOk_onlyResets() throws Exception {
        PciTestBed bed = PciTestBed.pmem();
        bed.negotiate(VERSION_1);

        bed.function.unplug();

        assertEquals(List.of("reset"), bed.device.lifecycle);
        assertTrue(bed.device.activations.isEmpty());
    }
}
