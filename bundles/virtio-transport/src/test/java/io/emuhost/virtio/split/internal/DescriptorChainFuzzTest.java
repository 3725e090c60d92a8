package io.emuhost.virtio.split.internal;

import static io.emuhost.testkit.virtqueue.Buffer.readable;
import static io.emuhost.testkit.virtqueue.Buffer.writable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.emuhost.api.virtio.DescriptorChain;
import io.emuhost.api.virtio.VirtQueueException;
import io.emuhost.api.virtio.VirtioIds;
import io.emuhost.testkit.memory.HeapGuestMemory;
import io.emuhost.testkit.virtqueue.DriverSplitQueue;
import io.emuhost.testkit.virtqueue.RingScribbler;

/**
 * Fuzz target: the device side of a split virtqueue over guest memory the driver filled at
 * random (descriptor table, indirect tables, available ring; queue size and ring features chosen
 * too). Invariants (DESIGN.md rule 2, virtio 1.2 §2.7.4-§2.7.5): {@code pop} returns nothing, a
 * chain that obeys every rule, or throws a {@link VirtQueueException}; it returns within a ring
 * of pops; a queue set up afresh over the same memory (what a device reset does) serves a valid
 * chain. Regression inputs: {@code DescriptorChainFuzzTestInputs/pop/}; {@code scripts/fuzz-all.sh}
 * fuzzes.
 */
class DescriptorChainFuzzTest {

    private static final int MEMORY_SIZE = 0x20000;
    private static final long DESC = 0x0000;
    private static final long AVAIL = 0x8000;
    private static final long USED = 0x9000;
    private static final long TABLE_A = 0xb000;
    private static final long TABLE_B = 0xb100;
    private static final long DATA = 0xc000;
    private static final int MAX_LOG_SIZE = 9;

    private final HeapGuestMemory memory = new HeapGuestMemory(0, MEMORY_SIZE);
    private final RecordingInterrupt interrupt = new RecordingInterrupt();

    @FuzzTest
    void pop(FuzzedDataProvider data) {
        int size = 1 << data.consumeInt(0, MAX_LOG_SIZE);
        long features = (data.consumeBoolean() ? 1L << VirtioIds.F_INDIRECT_DESC : 0)
                | (data.consumeBoolean() ? 1L << VirtioIds.F_EVENT_IDX : 0);
        memory.fill(0, MEMORY_SIZE, 0);
        interrupt.queueNotifications.clear();
        DriverSplitQueue driver = new DriverSplitQueue(memory, size, DESC, AVAIL, USED);
        new RingScribbler(data::consumeLong, DESC, TABLE_A, TABLE_B, DATA, AVAIL, USED, MEMORY_SIZE)
                .scribble(driver, TABLE_A, TABLE_B);
        SplitVirtQueue queue = new SplitVirtQueue(memory, 0, size, DESC, AVAIL, USED, features, interrupt);

        try {
            // at most one ring's worth of chains is pending: one more pop must find the ring empty
            for (int i = 0; i <= size; i++) {
                DescriptorChain chain = queue.pop();
                if (chain == null) {
                    break;
                }
                assertTrue(i < size, "more chains popped than the ring holds");
                checkChain(chain, size);
                queue.addUsed(chain.head(), (int) chain.writableLength());
                queue.notifyIfNeeded();
            }
        } catch (VirtQueueException expected) {
            // the typed outcome: the device sets NEEDS_RESET
        }

        servesAfterReset(size, features);
    }

    /** What every returned chain obeys, whatever the guest wrote. */
    private static void checkChain(DescriptorChain chain, int size) {
        assertTrue(chain.head() >= 0 && chain.head() < size, "head " + chain.head());
        assertTrue(chain.count() >= 1 && chain.count() <= size, "count " + chain.count());
        assertTrue(chain.readableCount() <= chain.count());
        long readable = 0;
        long writable = 0;
        for (int i = 0; i < chain.count(); i++) {
            long length = chain.length(i);
            assertTrue(length > 0 && length < 1L << 32, "buffer " + i + " of length " + length);
            if (i < chain.readableCount()) {
                readable += length;
            } else {
                writable += length;
            }
        }
        assertEquals(readable, chain.readableLength());
        assertEquals(writable, chain.writableLength());
        // virtio 1.2 §2.7.5.2: less than 2^32 bytes in total
        assertTrue(readable + writable < 1L << 32);
    }

    /** A reset device lays its queue out again: a valid chain is served whatever came before. */
    private void servesAfterReset(int size, long features) {
        DriverSplitQueue driver = new DriverSplitQueue(memory, size, DESC, AVAIL, USED);
        int head = size == 1 ? driver.addChain(writable(DATA + 0x100, 4))
                : driver.addChain(readable(DATA, 4), writable(DATA + 0x100, 4));
        SplitVirtQueue queue = new SplitVirtQueue(memory, 0, size, DESC, AVAIL, USED, features, interrupt);
        try {
            DescriptorChain chain = queue.pop();
            assertEquals(head, chain.head());
            assertEquals(Math.min(size, 2), chain.count());
            assertEquals(DATA + 0x100, chain.address(chain.count() - 1));
            assertNull(queue.pop());
        } catch (VirtQueueException e) {
            throw new AssertionError("a valid chain after reset was rejected", e);
        }
    }
}
