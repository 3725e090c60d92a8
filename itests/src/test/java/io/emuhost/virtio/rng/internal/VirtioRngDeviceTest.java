package io.emuhost.virtio.rng.internal;

import static io.emuhost.testkit.virtqueue.Buffer.readable;
import static io.emuhost.testkit.virtqueue.Buffer.writable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.emuhost.testkit.virtqueue.UsedElement;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class VirtioRngDeviceTest {

    private static final int LENGTH = 64;

    private final RngRig rig = new RngRig();

    private static boolean allZero(byte[] bytes) {
        for (byte b : bytes) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void identity_entropyDeviceWithOneQueueNoFeaturesNoConfig() {
        assertEquals(4, rig.device.deviceId());
        assertEquals(0L, rig.device.deviceFeatures());
        assertEquals(0, rig.device.configSize());
        assertEquals(1, rig.device.queueCount());
        assertEquals(8, rig.device.queueMaxSize(0));
    }

    @Test
    void notify_chainOfTwoWritableBuffers_fillsBothAndReportsTheTotal() {
        int head = rig.driver.addChain(writable(RngRig.BUFFERS, LENGTH), writable(RngRig.BUFFERS + 0x1000, LENGTH));

        rig.kick();
        UsedElement used = rig.driver.pollUsed();

        assertNotNull(used);
        assertEquals(head, used.id());
        assertEquals(2 * LENGTH, used.len());
        assertFalse(allZero(rig.memory.bytes(RngRig.BUFFERS, LENGTH)));
        assertFalse(allZero(rig.memory.bytes(RngRig.BUFFERS + 0x1000, LENGTH)));
        assertEquals(1, rig.interrupt.queueNotifications());
    }

    @Test
    void notify_twoRequests_getDifferentBytes() {
        rig.driver.addChain(writable(RngRig.BUFFERS, LENGTH));
        rig.driver.addChain(writable(RngRig.BUFFERS + 0x1000, LENGTH));

        rig.kick();

        assertNotNull(rig.driver.pollUsed());
        assertNotNull(rig.driver.pollUsed());
        assertFalse(Arrays.equals(rig.memory.bytes(RngRig.BUFFERS, LENGTH),
                rig.memory.bytes(RngRig.BUFFERS + 0x1000, LENGTH)));
    }

    @Test
    void notify_bufferBeyondTheCap_usesOnlyTheCapAndLeavesTheRestUntouched() {
        int length = EntropyRequests.MAX_BYTES_PER_REQUEST + 0x1000;
        rig.memory.fill(RngRig.BUFFERS, length, 0);
        rig.driver.addChain(writable(RngRig.BUFFERS, length));

        rig.kick();

        assertEquals(EntropyRequests.MAX_BYTES_PER_REQUEST, rig.driver.pollUsed().len());
        assertArrayEquals(new byte[0x1000],
                rig.memory.bytes(RngRig.BUFFERS + EntropyRequests.MAX_BYTES_PER_REQUEST, 0x1000));
    }

    @Test
    void notify_readableBuffer_setsNeedsResetAndReturnsNothing() {
        rig.driver.addChain(readable(RngRig.BUFFERS, 4), writable(RngRig.BUFFERS + 0x1000, LENGTH));

        rig.kick();

        assertEquals(1, rig.interrupt.needsResetCount());
        assertNull(rig.driver.pollUsed());
    }

    @Test
    void notify_afterNeedsReset_ignoresTheQueue() {
        rig.driver.addChain(readable(RngRig.BUFFERS, 4));
        rig.kick();
        rig.driver.addChain(writable(RngRig.BUFFERS + 0x1000, LENGTH));

        rig.kick();

        assertEquals(1, rig.interrupt.needsResetCount());
        assertNull(rig.driver.pollUsed());
    }

    @Test
    void reset_dropsTheActivation_laterNotificationsTouchNothing() {
        rig.device.reset();
        rig.driver.addChain(writable(RngRig.BUFFERS, LENGTH));

        rig.kick();

        assertNull(rig.driver.pollUsed());
        assertArrayEquals(new byte[LENGTH], rig.memory.bytes(RngRig.BUFFERS, LENGTH));
    }
}
