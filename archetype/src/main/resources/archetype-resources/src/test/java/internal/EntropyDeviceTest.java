package ${package}.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.virtio.ActivationContext;
import io.emuhost.api.virtio.VirtQueueException;
import io.emuhost.testkit.device.RecordingInterrupt;
import io.emuhost.testkit.device.ScriptedQueue;
import io.emuhost.testkit.memory.HeapGuestMemory;
import io.emuhost.testkit.virtqueue.Buffer;
import io.emuhost.testkit.virtqueue.UsedElement;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The device against the testkit: guest memory on the heap, a scripted {@code requestq} whose
 * buffers the test offers as a driver would, and an interrupt that counts.
 */
class EntropyDeviceTest {

    private static final int MAX_BYTES = 1024;

    private final HeapGuestMemory memory = new HeapGuestMemory(0, 1 << 20);
    private final RecordingInterrupt interrupt = new RecordingInterrupt();
    private final ScriptedQueue queue = new ScriptedQueue(memory, EntropyDevice.REQUEST_QUEUE,
            EntropyDevice.QUEUE_MAX_SIZE, interrupt);
    private final EntropyDevice device = new EntropyDevice(new SecureRandom(), MAX_BYTES);

    /** What the transport does at DRIVER_OK. */
    private void activate() {
        device.driverFeatures(0);
        device.activate(new ActivationContext(memory, List.of(queue), interrupt, 0));
    }

    @Test
    void identity_isAnEntropyDeviceWithOneQueueAndNoFeatures() {
        assertEquals(4, device.deviceId(), "virtio 1.2 §5.4.1: device ID 4");
        assertEquals(0, device.deviceFeatures());
        assertEquals(0, device.configSize());
        assertEquals(1, device.queueCount());
    }

    @Test
    void request_writableBuffersAreFilledAndReturnedWithTheirLength() {
        activate();
        int head = queue.offer(Buffer.writable(0x1000, 100), Buffer.writable(0x2000, 28));

        device.queueNotify(EntropyDevice.REQUEST_QUEUE);

        assertEquals(List.of(new UsedElement(head, 128)), queue.used());
        assertFalse(Arrays.equals(new byte[100], memory.bytes(0x1000, 100)), "random bytes, not zeros");
        assertEquals(1, interrupt.queueNotifications());
    }

    @Test
    void twoRequests_getDifferentBytes() {
        activate();
        queue.offer(Buffer.writable(0x1000, 64));
        queue.offer(Buffer.writable(0x2000, 64));

        device.queueNotify(EntropyDevice.REQUEST_QUEUE);

        assertEquals(2, queue.used().size());
        assertNotEquals(Arrays.toString(memory.bytes(0x1000, 64)), Arrays.toString(memory.bytes(0x2000, 64)));
    }

    @Test
    void largeBuffer_isFilledUpToTheConfiguredBound() {
        activate();
        int head = queue.offer(Buffer.writable(0x1000, 3 * MAX_BYTES));

        device.queueNotify(EntropyDevice.REQUEST_QUEUE);

        assertEquals(List.of(new UsedElement(head, MAX_BYTES)), queue.used(), "virtio 1.2 §5.4.7.1");
        assertTrue(Arrays.equals(new byte[MAX_BYTES], memory.bytes(0x1000 + MAX_BYTES, MAX_BYTES)));
    }

    @Test
    void readableBuffer_setsNeedsResetAndTheQueueIsIgnoredAfter() {
        activate();
        queue.offer(Buffer.readable(0x1000, 16), Buffer.writable(0x2000, 16));
        queue.offer(Buffer.writable(0x3000, 16));

        device.queueNotify(EntropyDevice.REQUEST_QUEUE);
        device.queueNotify(EntropyDevice.REQUEST_QUEUE);

        assertEquals(1, interrupt.needsResetCount(), "virtio 1.2 §5.4.6.1, once");
        assertEquals(List.of(), queue.used());
        assertEquals(1, queue.availableCount(), "the next request is not taken");
    }

    @Test
    void brokenRing_setsNeedsReset() {
        activate();
        queue.breakRing(new VirtQueueException.HeadOutOfRange(9));

        device.queueNotify(EntropyDevice.REQUEST_QUEUE);

        assertEquals(1, interrupt.needsResetCount());
    }

    @Test
    void afterReset_aNotificationTouchesNothing() {
        activate();
        device.reset();
        queue.offer(Buffer.writable(0x1000, 16));

        device.queueNotify(EntropyDevice.REQUEST_QUEUE);

        assertEquals(1, queue.availableCount());
        assertEquals(0, interrupt.queueNotifications());
    }
}
