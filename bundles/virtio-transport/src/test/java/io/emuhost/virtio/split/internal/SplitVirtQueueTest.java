package io.emuhost.virtio.split.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.api.virtio.DescriptorChain;
import io.emuhost.api.virtio.VirtQueueException;
import io.emuhost.api.virtio.VirtioIds;
import io.emuhost.testkit.memory.HeapGuestMemory;
import io.emuhost.testkit.virtqueue.Buffer;
import io.emuhost.testkit.virtqueue.DriverSplitQueue;
import io.emuhost.testkit.virtqueue.UsedElement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SplitVirtQueueTest {

    private static final int QUEUE_INDEX = 3;
    private static final int SIZE = 8;
    private static final long DESC = 0x1000;
    private static final long AVAIL = 0x2000;
    private static final long USED = 0x3000;
    private static final long INDIRECT_TABLE = 0x4000;
    private static final long DATA = 0x8000;
    private static final long OUTSIDE_MEMORY = 0x10_0000_0000L;
    private static final int F_NEXT = 1;
    private static final int F_WRITE = 2;
    private static final int F_INDIRECT = 4;
    private static final long INDIRECT = 1L << VirtioIds.F_INDIRECT_DESC;
    private static final long EVENT_IDX = 1L << VirtioIds.F_EVENT_IDX;

    private final HeapGuestMemory memory = new HeapGuestMemory(0, 0x10000);
    private final DriverSplitQueue driver = new DriverSplitQueue(memory, SIZE, DESC, AVAIL, USED);
    private final RecordingInterrupt interrupt = new RecordingInterrupt();

    private SplitVirtQueue queue(long features) {
        return new SplitVirtQueue(memory, QUEUE_INDEX, SIZE, DESC, AVAIL, USED, features, interrupt);
    }

    @Test
    void pop_emptyRing_returnsNull() throws Exception {
        assertNull(queue(0).pop());
    }

    @Test
    void pop_directChain_returnsReadableThenWritableBuffers() throws Exception {
        int head = driver.addChain(Buffer.readable(DATA, 4), Buffer.writable(DATA + 0x100, 4));

        DescriptorChain chain = queue(0).pop();

        assertEquals(head, chain.head());
        assertEquals(2, chain.count());
        assertEquals(1, chain.readableCount());
        assertEquals(DATA, chain.address(0));
        assertEquals(DATA + 0x100, chain.address(1));
        assertEquals(4, chain.readableLength());
        assertEquals(4, chain.writableLength());
    }

    @Test
    void pop_afterAllConsumed_returnsNull() throws Exception {
        SplitVirtQueue queue = queue(0);
        driver.addChain(Buffer.readable(DATA, 4));
        queue.pop();

        assertNull(queue.pop());
    }

    @Test
    void pop_availIndexJump_throwsAvailIndexJump() {
        driver.setAvailIdx(SIZE + 1);

        assertThrows(VirtQueueException.AvailIndexJump.class, () -> queue(0).pop());
    }

    @Test
    void pop_headOutOfRange_throwsHeadOutOfRange() {
        driver.publish(SIZE);

        assertThrows(VirtQueueException.HeadOutOfRange.class, () -> queue(0).pop());
    }

    @Test
    void pop_descriptorLoop_throwsDescriptorLoop() {
        driver.writeDescriptor(0, DATA, 4, F_NEXT, 1);
        driver.writeDescriptor(1, DATA, 4, F_NEXT, 0);
        driver.publish(0);

        assertThrows(VirtQueueException.DescriptorLoop.class, () -> queue(0).pop());
    }

    @Test
    void pop_nextOutOfRange_throwsNextOutOfRange() {
        driver.writeDescriptor(0, DATA, 4, F_NEXT, SIZE);
        driver.publish(0);

        assertThrows(VirtQueueException.NextOutOfRange.class, () -> queue(0).pop());
    }

    @Test
    void pop_zeroLengthBuffer_throwsZeroLengthBuffer() {
        driver.addChain(Buffer.readable(DATA, 4), Buffer.writable(DATA + 0x100, 0));

        assertThrows(VirtQueueException.ZeroLengthBuffer.class, () -> queue(0).pop());
    }

    @Test
    void pop_readableAfterWritable_throwsWritableBeforeReadable() {
        driver.addChain(Buffer.writable(DATA, 4), Buffer.readable(DATA + 0x100, 4));

        assertThrows(VirtQueueException.WritableBeforeReadable.class, () -> queue(0).pop());
    }

    @Test
    void pop_indirectWithoutFeature_throwsIndirectNotNegotiated() {
        driver.addIndirectChain(INDIRECT_TABLE, Buffer.readable(DATA, 4), Buffer.writable(DATA + 0x100, 4));

        assertThrows(VirtQueueException.IndirectNotNegotiated.class, () -> queue(0).pop());
    }

    @Test
    void pop_indirectWithNext_throwsIndirectWithNext() {
        driver.writeTableEntry(INDIRECT_TABLE, 0, DATA, 4, 0, 0);
        driver.writeDescriptor(0, INDIRECT_TABLE, 16, F_INDIRECT | F_NEXT, 1);
        driver.writeDescriptor(1, DATA, 4, F_WRITE, 0);
        driver.publish(0);

        assertThrows(VirtQueueException.IndirectWithNext.class, () -> queue(INDIRECT).pop());
    }

    @Test
    void pop_indirectTableLengthNotMultipleOf16_throwsIndirectTableSize() {
        driver.writeDescriptor(0, INDIRECT_TABLE, 20, F_INDIRECT, 0);
        driver.publish(0);

        VirtQueueException.IndirectTableSize e =
                assertThrows(VirtQueueException.IndirectTableSize.class, () -> queue(INDIRECT).pop());
        assertTrue(e.getMessage().contains("20"), e.getMessage());
    }

    @Test
    void pop_indirectTableLengthZero_throwsIndirectTableSize() {
        driver.writeDescriptor(0, INDIRECT_TABLE, 0, F_INDIRECT, 0);
        driver.publish(0);

        assertThrows(VirtQueueException.IndirectTableSize.class, () -> queue(INDIRECT).pop());
    }

    @Test
    void pop_indirectInsideIndirectTable_throwsNestedIndirect() {
        driver.writeTableEntry(INDIRECT_TABLE, 0, INDIRECT_TABLE + 0x100, 16, F_INDIRECT, 0);
        driver.writeDescriptor(0, INDIRECT_TABLE, 16, F_INDIRECT, 0);
        driver.publish(0);

        assertThrows(VirtQueueException.NestedIndirect.class, () -> queue(INDIRECT).pop());
    }

    @Test
    void pop_totalLengthReaching4GiB_throwsTotalLengthOverflow() {
        driver.addChain(Buffer.readable(DATA, 0x8000_0000), Buffer.writable(DATA, 0x8000_0000));

        assertThrows(VirtQueueException.TotalLengthOverflow.class, () -> queue(0).pop());
    }

    @Test
    void pop_descriptorTableOutsideMemory_throwsMemoryFault() {
        driver.publish(0);
        SplitVirtQueue queue = new SplitVirtQueue(memory, 0, SIZE, OUTSIDE_MEMORY, AVAIL, USED, 0, interrupt);

        VirtQueueException.MemoryFault e = assertThrows(VirtQueueException.MemoryFault.class, queue::pop);
        assertTrue(e.getCause() instanceof GuestMemoryException);
    }

    @Test
    void pop_indirectChainLongerThanQueue_throwsDescriptorLoop() {
        for (int i = 0; i <= SIZE; i++) {
            driver.writeTableEntry(INDIRECT_TABLE, i, DATA, 1, i < SIZE ? F_NEXT : 0, i + 1);
        }
        driver.writeDescriptor(0, INDIRECT_TABLE, 16 * (SIZE + 1), F_INDIRECT, 0);
        driver.publish(0);

        assertThrows(VirtQueueException.DescriptorLoop.class, () -> queue(INDIRECT).pop());
    }

    @Test
    void pop_indirectChain_servesTheTableBuffers() throws Exception {
        int head = driver.addIndirectChain(INDIRECT_TABLE, Buffer.readable(DATA, 4), Buffer.writable(DATA + 0x100, 8));

        DescriptorChain chain = queue(INDIRECT).pop();

        assertEquals(head, chain.head());
        assertEquals(2, chain.count());
        assertEquals(1, chain.readableCount());
        assertEquals(DATA + 0x100, chain.address(1));
        assertEquals(8L, chain.length(1));
    }

    @Test
    void pop_directDescriptorsFollowedByIndirect_servesAllBuffers() throws Exception {
        driver.writeTableEntry(INDIRECT_TABLE, 0, DATA + 0x100, 8, F_WRITE, 0);
        driver.writeDescriptor(0, DATA, 4, F_NEXT, 1);
        driver.writeDescriptor(1, INDIRECT_TABLE, 16, F_INDIRECT | F_WRITE, 0);
        driver.publish(0);

        DescriptorChain chain = queue(INDIRECT).pop();

        assertEquals(2, chain.count());
        assertEquals(4, chain.readableLength());
        assertEquals(8, chain.writableLength());
    }

    @Test
    void readReadable_splitBuffers_readsOneStream() throws Exception {
        memory.write(DATA, new byte[] {1}, 0, 1);
        memory.write(DATA + 0x100, new byte[] {2, 3, 4}, 0, 3);
        driver.addChain(Buffer.readable(DATA, 1), Buffer.readable(DATA + 0x100, 3), Buffer.writable(DATA + 0x200, 4));
        DescriptorChain chain = queue(0).pop();
        byte[] dst = new byte[6];

        int copied = chain.readReadable(0, dst, 0, 6);

        assertEquals(4, copied);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 0, 0}, dst);
    }

    @Test
    void readReadable_fromOffset_skipsIntoSecondBuffer() throws Exception {
        memory.write(DATA, new byte[] {1}, 0, 1);
        memory.write(DATA + 0x100, new byte[] {2, 3, 4}, 0, 3);
        driver.addChain(Buffer.readable(DATA, 1), Buffer.readable(DATA + 0x100, 3));
        DescriptorChain chain = queue(0).pop();
        byte[] dst = new byte[2];

        int copied = chain.readReadable(2, dst, 0, 2);

        assertEquals(2, copied);
        assertArrayEquals(new byte[] {3, 4}, dst);
    }

    @Test
    void writeWritable_splitBuffers_writesOneStreamAndStopsAtItsEnd() throws Exception {
        driver.addChain(Buffer.readable(DATA, 4), Buffer.writable(DATA + 0x100, 1), Buffer.writable(DATA + 0x200, 3));
        DescriptorChain chain = queue(0).pop();

        int copied = chain.writeWritable(0, new byte[] {9, 8, 7, 6, 5}, 0, 5);

        byte[] first = new byte[1];
        byte[] second = new byte[3];
        memory.read(DATA + 0x100, first, 0, 1);
        memory.read(DATA + 0x200, second, 0, 3);
        assertEquals(4, copied);
        assertArrayEquals(new byte[] {9}, first);
        assertArrayEquals(new byte[] {8, 7, 6}, second);
    }

    @Test
    void addUsed_writesElementAndAdvancesUsedIdx() throws Exception {
        SplitVirtQueue queue = queue(0);
        int head = driver.addChain(Buffer.readable(DATA, 4), Buffer.writable(DATA + 0x100, 4));
        queue.pop();

        queue.addUsed(head, 4);

        assertEquals(1, driver.usedIdx());
        assertEquals(new UsedElement(head, 4), driver.pollUsed());
    }

    @Test
    void notifyIfNeeded_noInterruptFlagClear_notifies() throws Exception {
        SplitVirtQueue queue = queue(0);
        int head = driver.addChain(Buffer.writable(DATA, 4));
        queue.pop();
        queue.addUsed(head, 4);

        assertTrue(queue.notifyIfNeeded());
        assertEquals(List.of(QUEUE_INDEX), interrupt.queueNotifications);
    }

    @Test
    void notifyIfNeeded_noInterruptFlagSet_suppresses() throws Exception {
        SplitVirtQueue queue = queue(0);
        int head = driver.addChain(Buffer.writable(DATA, 4));
        driver.setAvailFlags(1);
        queue.pop();
        queue.addUsed(head, 4);

        assertFalse(queue.notifyIfNeeded());
        assertTrue(interrupt.queueNotifications.isEmpty());
    }

    @Test
    void notifyIfNeeded_eventIdxIgnoresNoInterruptFlagTheFirstTime() throws Exception {
        SplitVirtQueue queue = queue(EVENT_IDX);
        int head = driver.addChain(Buffer.writable(DATA, 4));
        driver.setAvailFlags(1);
        driver.setUsedEvent(5);
        queue.pop();
        queue.addUsed(head, 4);

        assertTrue(queue.notifyIfNeeded());
    }

    @Test
    void notifyIfNeeded_eventIdx_notifiesOnlyWhenUsedIdxPassesUsedEvent() throws Exception {
        SplitVirtQueue queue = queue(EVENT_IDX);
        driver.setUsedEvent(2);
        complete(queue);
        queue.notifyIfNeeded();
        interrupt.queueNotifications.clear();

        complete(queue);
        boolean atUsedIdx2 = queue.notifyIfNeeded();
        complete(queue);
        boolean atUsedIdx3 = queue.notifyIfNeeded();

        assertFalse(atUsedIdx2);
        assertTrue(atUsedIdx3);
        assertEquals(1, interrupt.queueNotifications.size());
    }

    @Test
    void pop_eventIdx_publishesAvailEvent() throws Exception {
        SplitVirtQueue queue = queue(EVENT_IDX);
        driver.addChain(Buffer.readable(DATA, 4));
        driver.addChain(Buffer.readable(DATA, 4));

        queue.pop();
        queue.pop();

        assertEquals(2, driver.availEvent());
    }

    @Test
    void pop_withoutEventIdx_leavesAvailEventAlone() throws Exception {
        SplitVirtQueue queue = queue(0);
        driver.addChain(Buffer.readable(DATA, 4));

        queue.pop();

        assertEquals(0, driver.availEvent());
    }

    @Test
    void constructor_sizeNotPowerOfTwo_throws() {
        assertThrows(IllegalArgumentException.class,
                () -> new SplitVirtQueue(memory, 0, 100, DESC, AVAIL, USED, 0, interrupt));
    }

    private void complete(SplitVirtQueue queue) throws Exception {
        driver.addChain(Buffer.writable(DATA, 4));
        DescriptorChain chain = queue.pop();
        queue.addUsed(chain.head(), 4);
        driver.pollUsed();
    }
}
