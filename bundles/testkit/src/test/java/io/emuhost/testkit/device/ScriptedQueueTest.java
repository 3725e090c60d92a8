package io.emuhost.testkit.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.virtio.DescriptorChain;
import io.emuhost.api.virtio.VirtQueueException;
import io.emuhost.testkit.memory.HeapGuestMemory;
import io.emuhost.testkit.virtqueue.Buffer;
import io.emuhost.testkit.virtqueue.UsedElement;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptedQueueTest {

    private final HeapGuestMemory memory = new HeapGuestMemory(0, 0x10000);
    private final RecordingInterrupt interrupt = new RecordingInterrupt();
    private final ScriptedQueue queue = new ScriptedQueue(memory, 2, 4, interrupt);

    @Test
    void chain_readsReadableAndWritesWritableBuffersAsOneStreamEach() throws Exception {
        memory.put(0x100, (byte) 1, (byte) 2);
        memory.put(0x200, (byte) 3);
        int head = queue.offer(Buffer.readable(0x100, 2), Buffer.readable(0x200, 1),
                Buffer.writable(0x300, 2), Buffer.writable(0x400, 3));

        DescriptorChain chain = queue.pop();
        assertEquals(head, chain.head());
        assertEquals(4, chain.count());
        assertEquals(2, chain.readableCount());
        assertEquals(3, chain.readableLength());
        assertEquals(5, chain.writableLength());
        byte[] read = new byte[4];
        assertEquals(2, chain.readReadable(1, read, 0, 4), "the readable stream ends after 3 bytes");
        assertArrayEquals(new byte[] {2, 3, 0, 0}, read);
        assertEquals(5, chain.writeWritable(0, new byte[] {9, 8, 7, 6, 5, 4}, 0, 6));
        assertArrayEquals(new byte[] {9, 8}, memory.bytes(0x300, 2));
        assertArrayEquals(new byte[] {7, 6, 5}, memory.bytes(0x400, 3));
        assertNull(queue.pop(), "one chain was offered");
    }

    @Test
    void used_recordsReturnedChainsAndNotifiesOncePerBatch() throws Exception {
        int first = queue.offer(Buffer.writable(0x100, 8));
        int second = queue.offer(Buffer.writable(0x200, 8));
        assertEquals(2, queue.availableCount());
        queue.pop();
        queue.pop();
        queue.addUsed(second, 4);
        queue.addUsed(first, 8);

        assertTrue(queue.notifyIfNeeded());
        assertFalse(queue.notifyIfNeeded(), "nothing used since");
        assertEquals(1, interrupt.queueNotifications());
        assertEquals(List.of(new UsedElement(second, 4), new UsedElement(first, 8)), queue.used());
    }

    @Test
    void deviceBugs_failLoudly() throws Exception {
        int head = queue.offer(Buffer.writable(0x100, 8));
        assertThrows(IllegalStateException.class, () -> queue.addUsed(head, 1), "never popped");
        queue.pop();
        assertThrows(IllegalStateException.class, () -> queue.addUsed(head, 9), "more than the chain holds");
        queue.addUsed(head, 8);
        assertThrows(IllegalStateException.class, () -> queue.addUsed(head, 8), "returned twice");
    }

    @Test
    void driverRules_areKeptByTheScript() {
        assertThrows(IllegalArgumentException.class, () -> queue.offer(Buffer.writable(0, 4), Buffer.readable(8, 4)));
        assertThrows(IllegalArgumentException.class, () -> queue.offer(Buffer.writable(0, 0)));
        assertThrows(IllegalArgumentException.class, () -> queue.offer());
        queue.offer(Buffer.writable(0, 4), Buffer.writable(8, 4), Buffer.writable(16, 4));
        assertThrows(IllegalStateException.class, () -> queue.offer(Buffer.writable(0, 4), Buffer.writable(8, 4)),
                "4 descriptors, 3 in use");
        assertThrows(IllegalArgumentException.class, () -> new ScriptedQueue(memory, 0, 3, interrupt));
    }

    @Test
    void brokenRing_throwsTheRuleOnEveryPop() {
        VirtQueueException rule = new VirtQueueException.HeadOutOfRange(7);
        queue.offer(Buffer.writable(0, 4));
        queue.breakRing(rule);
        assertSame(rule, assertThrows(VirtQueueException.class, queue::pop));
        assertSame(rule, assertThrows(VirtQueueException.class, queue::pop));
    }
}
