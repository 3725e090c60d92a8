package io.emuhost.testkit.virtqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.testkit.memory.HeapGuestMemory;
import io.emuhost.testkit.memory.UncheckedGuestMemoryException;
import org.junit.jupiter.api.Test;

class DriverSplitQueueTest {

    private static final int QSIZE = 4;
    private static final long DESC = 0x1000;
    private static final long AVAIL = 0x2000;
    private static final long USED = 0x3000;
    private static final long BUF = 0x4000;
    private static final long TABLE = 0x5000;

    private final HeapGuestMemory mem = new HeapGuestMemory(0, 0x10000);
    private final DriverSplitQueue queue = new DriverSplitQueue(mem, QSIZE, DESC, AVAIL, USED);

    private long descAddr(long table, int i) throws Exception {
        return mem.readLong(table + 16L * i);
    }

    private int descLen(long table, int i) throws Exception {
        return mem.readInt(table + 16L * i + 8);
    }

    private int descFlags(long table, int i) throws Exception {
        return mem.readShort(table + 16L * i + 12);
    }

    private int descNext(long table, int i) throws Exception {
        return mem.readShort(table + 16L * i + 14);
    }

    /** The device's side of returning a chain: used.ring[idx % size] = {id, len}; used.idx = idx + 1. */
    private void deviceAddsUsed(HeapGuestMemory m, int queueSize, int usedIdx, int id, int len) throws Exception {
        long elem = USED + 4 + 8L * (usedIdx % queueSize);
        m.writeInt(elem, id);
        m.writeInt(elem + 4, len);
        m.writeShort(USED + 2, usedIdx + 1);
    }

    private void deviceAddsUsed(int usedIdx, int id, int len) throws Exception {
        deviceAddsUsed(mem, QSIZE, usedIdx, id, len);
    }

    @Test
    void new_zeroesRingsAndFreesAllDescriptors() throws Exception {
        mem.fill(0, 0x10000, 0xff);

        DriverSplitQueue fresh = new DriverSplitQueue(mem, QSIZE, DESC, AVAIL, USED);

        assertEquals(0, mem.readShort(AVAIL + 2));
        assertEquals(0, mem.readShort(USED + 2));
        assertEquals(0, mem.readLong(DESC + 16 * (QSIZE - 1)));
        assertEquals(0, mem.readShort(USED + 4 + 8 * QSIZE));
        assertEquals(QSIZE, fresh.freeDescriptors());
    }

    @Test
    void new_misalignedRings_throwIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> new DriverSplitQueue(mem, QSIZE, DESC + 8, AVAIL, USED));
        assertThrows(IllegalArgumentException.class, () -> new DriverSplitQueue(mem, QSIZE, DESC, AVAIL + 1, USED));
        assertThrows(IllegalArgumentException.class, () -> new DriverSplitQueue(mem, QSIZE, DESC, AVAIL, USED + 2));
    }

    @Test
    void new_ringOutsideMemory_throwsUnchecked() {
        assertThrows(UncheckedGuestMemoryException.class, () -> new DriverSplitQueue(mem, 1024, DESC, AVAIL, 0xf000));
    }

    @Test
    void layoutSizes_followSpec() {
        assertEquals(16 * 128, SplitRing.descTableSize(128));
        assertEquals(6 + 2 * 128, SplitRing.availRingSize(128));
        assertEquals(6 + 8 * 128, SplitRing.usedRingSize(128));
        assertEquals(4 + 2 * 128, SplitRing.usedEventOffset(128));
        assertEquals(4 + 8 * 128, SplitRing.availEventOffset(128));
    }

    @Test
    void addChain_writesLinkedDescriptorsInGivenOrder() throws Exception {
        int head = queue.addChain(Buffer.readable(BUF, 4), Buffer.writable(BUF + 0x100, 8));

        int second = descNext(DESC, head);
        assertEquals(BUF, descAddr(DESC, head));
        assertEquals(4, descLen(DESC, head));
        assertEquals(SplitRing.F_NEXT, descFlags(DESC, head));
        assertEquals(BUF + 0x100, descAddr(DESC, second));
        assertEquals(8, descLen(DESC, second));
        assertEquals(SplitRing.F_WRITE, descFlags(DESC, second));
        assertEquals(QSIZE - 2, queue.freeDescriptors());
    }

    @Test
    void addChain_publishesHeadAndBumpsAvailIdx() throws Exception {
        int first = queue.addChain(Buffer.readable(BUF, 4));
        int second = queue.addChain(Buffer.readable(BUF, 4));

        assertEquals(first, mem.readShort(AVAIL + 4));
        assertEquals(second, mem.readShort(AVAIL + 6));
        assertEquals(2, mem.readShort(AVAIL + 2));
        assertEquals(2, queue.availIdx());
    }

    @Test
    void addChain_moreBuffersThanFree_throwsDescriptorTableFull() {
        queue.addChain(Buffer.readable(BUF, 4), Buffer.readable(BUF, 4), Buffer.readable(BUF, 4));

        var e = assertThrows(DescriptorTableFull.class,
                () -> queue.addChain(Buffer.readable(BUF, 4), Buffer.writable(BUF, 4)));

        assertEquals(2, e.wanted());
        assertEquals(1, e.free());
    }

    @Test
    void addIndirectChain_writesOneIndirectDescriptorAndTable() throws Exception {
        int head = queue.addIndirectChain(TABLE, Buffer.readable(BUF, 4), Buffer.writable(BUF + 4, 4));

        assertEquals(TABLE, descAddr(DESC, head));
        assertEquals(32, descLen(DESC, head));
        assertEquals(SplitRing.F_INDIRECT, descFlags(DESC, head));
        assertEquals(BUF, descAddr(TABLE, 0));
        assertEquals(SplitRing.F_NEXT, descFlags(TABLE, 0));
        assertEquals(1, descNext(TABLE, 0));
        assertEquals(BUF + 4, descAddr(TABLE, 1));
        assertEquals(SplitRing.F_WRITE, descFlags(TABLE, 1));
        assertEquals(QSIZE - 1, queue.freeDescriptors());
        assertEquals(head, mem.readShort(AVAIL + 4));
    }

    @Test
    void pollUsed_nothingUsed_returnsNull() {
        queue.addChain(Buffer.readable(BUF, 4));

        assertNull(queue.pollUsed());
    }

    @Test
    void pollUsed_returnsElementAndFreesItsChain() throws Exception {
        int head = queue.addChain(Buffer.readable(BUF, 4), Buffer.writable(BUF + 4, 4));
        deviceAddsUsed(0, head, 4);

        UsedElement used = queue.pollUsed();

        assertEquals(new UsedElement(head, 4), used);
        assertEquals(QSIZE, queue.freeDescriptors());
        assertEquals(1, queue.lastUsedIdx());
        assertNull(queue.pollUsed());
    }

    @Test
    void takeUsed_exposesElementWithoutAllocating() throws Exception {
        int head = queue.addChain(Buffer.readable(BUF, 4), Buffer.writable(BUF + 4, 4));
        deviceAddsUsed(0, head, 3);

        boolean taken = queue.takeUsed();

        assertTrue(taken);
        assertEquals(head, queue.takenId());
        assertEquals(3, queue.takenLength());
        assertFalse(queue.takeUsed());
    }

    @Test
    void pollUsed_unknownId_returnsElementWithoutFreeing() throws Exception {
        queue.addChain(Buffer.readable(BUF, 4));
        deviceAddsUsed(0, 77, 0);

        assertEquals(new UsedElement(77, 0), queue.pollUsed());
        assertEquals(QSIZE - 1, queue.freeDescriptors());
    }

    @Test
    void addChain_afterRingWrap_reusesFreedDescriptorsAndNextSlot() throws Exception {
        DriverSplitQueue two = new DriverSplitQueue(mem, 2, DESC, AVAIL, USED);
        int first = two.addChain(Buffer.readable(BUF, 4), Buffer.writable(BUF, 4));
        deviceAddsUsed(mem, 2, 0, first, 4);
        two.pollUsed();
        int second = two.addChain(Buffer.readable(BUF, 4), Buffer.writable(BUF, 4));
        deviceAddsUsed(mem, 2, 1, second, 4);
        two.pollUsed();

        int third = two.addChain(Buffer.readable(BUF, 4), Buffer.writable(BUF, 4));

        assertEquals(third, mem.readShort(AVAIL + 4));
        assertEquals(3, mem.readShort(AVAIL + 2));
        assertEquals(0, two.freeDescriptors());
    }

    @Test
    void pollUsed_afterRingWrap_readsSlotModuloSize() throws Exception {
        DriverSplitQueue two = new DriverSplitQueue(mem, 2, DESC, AVAIL, USED);
        deviceAddsUsed(mem, 2, 0, 0, 1);
        two.pollUsed();
        deviceAddsUsed(mem, 2, 1, 1, 2);
        two.pollUsed();
        deviceAddsUsed(mem, 2, 2, 1, 3);

        assertEquals(new UsedElement(1, 3), two.pollUsed());
    }

    @Test
    void writeDescriptorAndPublish_rawValuesReachMemory() throws Exception {
        queue.writeDescriptor(2, 0xdead_0000L, -1, 0xffff, 500);

        queue.publish(200);

        assertEquals(0xdead_0000L, descAddr(DESC, 2));
        assertEquals(-1, descLen(DESC, 2));
        assertEquals(0xffff, descFlags(DESC, 2));
        assertEquals(500, descNext(DESC, 2));
        assertEquals(200, mem.readShort(AVAIL + 4));
        assertEquals(1, mem.readShort(AVAIL + 2));
    }

    @Test
    void setAvailIdx_jumpIsWrittenAndLaterPublishesContinue() throws Exception {
        queue.setAvailIdx(0xffff);

        queue.publish(1);

        assertEquals(0, mem.readShort(AVAIL + 2));
        assertEquals(1, mem.readShort(AVAIL + 4 + 2 * (0xffff % QSIZE)));
    }

    @Test
    void setUsedEventAndFlags_writeSpecOffsets() throws Exception {
        queue.setUsedEvent(0x1234);
        queue.setAvailFlags(SplitRing.AVAIL_F_NO_INTERRUPT);

        assertEquals(0x1234, mem.readShort(AVAIL + 4 + 2 * QSIZE));
        assertEquals(1, mem.readShort(AVAIL));
    }

    @Test
    void availEventAndUsedFlags_readSpecOffsets() throws Exception {
        mem.writeShort(USED + 4 + 8 * QSIZE, 9);
        mem.writeShort(USED, SplitRing.USED_F_NO_NOTIFY);

        assertEquals(9, queue.availEvent());
        assertEquals(1, queue.usedFlags());
    }

    @Test
    void prepareKick_eventIdx_followsAvailEvent() throws Exception {
        queue.addChain(Buffer.readable(BUF, 4));
        assertTrue(queue.prepareKick(true));
        queue.addChain(Buffer.readable(BUF, 4));
        assertFalse(queue.prepareKick(true));
        mem.writeShort(USED + 4 + 8 * QSIZE, 2);
        queue.addChain(Buffer.readable(BUF, 4));
        assertTrue(queue.prepareKick(true));
    }

    @Test
    void prepareKick_withoutEventIdx_honoursNoNotify() throws Exception {
        queue.addChain(Buffer.readable(BUF, 4));
        mem.writeShort(USED, SplitRing.USED_F_NO_NOTIFY);

        assertFalse(queue.prepareKick(false));
    }

    @Test
    void needEvent_wrapsModulo65536() {
        assertTrue(SplitRing.needEvent(0xffff, 0, 0xffff));
        assertFalse(SplitRing.needEvent(1, 1, 0));
        assertTrue(SplitRing.needEvent(0, 1, 0));
    }
}
