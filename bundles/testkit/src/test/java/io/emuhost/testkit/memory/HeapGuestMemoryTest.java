package io.emuhost.testkit.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.memory.GuestMemoryException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class HeapGuestMemoryTest {

    private static final long BASE = 0x1000;
    private static final int SIZE = 0x100;
    private static final long END = BASE + SIZE;

    private final HeapGuestMemory memory = new HeapGuestMemory(BASE, SIZE);

    @Test
    void writeInt_storesLittleEndian() throws Exception {
        memory.writeInt(BASE, 0x11223344);

        assertArrayEquals(new byte[] {0x44, 0x33, 0x22, 0x11}, memory.bytes(BASE, 4));
    }

    @Test
    void readLong_readsLittleEndian() throws Exception {
        memory.put(BASE + 8, (byte) 1, (byte) 2, (byte) 3, (byte) 4, (byte) 5, (byte) 6, (byte) 7, (byte) 0x88);

        assertEquals(0x8807060504030201L, memory.readLong(BASE + 8));
    }

    @Test
    void readShortAndByte_areUnsigned() throws Exception {
        memory.writeShort(BASE, 0xfffe);

        assertEquals(0xfffe, memory.readShort(BASE));
        assertEquals(0xff, memory.readByte(BASE + 1));
    }

    @Test
    void readInt_lastFourBytesOfRegion_succeeds() throws Exception {
        memory.writeInt(END - 4, -1);

        assertEquals(-1, memory.readInt(END - 4));
    }

    @Test
    void readInt_belowRegion_throwsInvalidAddress() {
        var e = assertThrows(GuestMemoryException.InvalidAddress.class, () -> memory.readInt(BASE - 4));

        assertEquals(BASE - 4, e.address());
        assertEquals(4, e.length());
    }

    @Test
    void readByte_atRegionEnd_throwsInvalidAddress() {
        assertThrows(GuestMemoryException.InvalidAddress.class, () -> memory.readByte(END));
    }

    @Test
    void readLong_straddlingRegionEnd_throwsPartialAccessWithAvailableBytes() {
        var e = assertThrows(GuestMemoryException.PartialAccess.class, () -> memory.readLong(END - 3));

        assertEquals(3, e.available());
    }

    @Test
    void writeInt_straddlingRegionEnd_writesNothing() {
        assertThrows(GuestMemoryException.PartialAccess.class, () -> memory.writeInt(END - 2, -1));

        assertArrayEquals(new byte[2], memory.bytes(END - 2, 2));
    }

    @Test
    void readLong_endPastTwoToThe64_throwsAddressOverflow() {
        assertThrows(GuestMemoryException.AddressOverflow.class, () -> memory.readLong(-4L));
    }

    @Test
    void addRegion_secondRegion_isReachableAndSeparate() throws Exception {
        memory.addRegion(0x1_0000_0000L, 16);

        memory.writeLong(0x1_0000_0008L, 42);

        assertEquals(42, memory.readLong(0x1_0000_0008L));
        assertThrows(GuestMemoryException.PartialAccess.class, () -> memory.readLong(0x1_0000_000cL));
    }

    @Test
    void addRegion_highAddressAboveSignedRange_works() throws Exception {
        memory.addRegion(0xffff_ffff_0000_0000L, 16);

        memory.writeInt(0xffff_ffff_0000_000cL, 7);

        assertEquals(7, memory.readInt(0xffff_ffff_0000_000cL));
    }

    @Test
    void addRegion_overlappingExisting_throwsIllegalArgument() {
        assertThrows(IllegalArgumentException.class, () -> memory.addRegion(BASE - 8, 16));
        assertThrows(IllegalArgumentException.class, () -> memory.addRegion(END - 1, 16));
    }

    @Test
    void addRegion_adjacent_isAccepted() {
        memory.addRegion(END, 16);

        assertTrue(memory.isMapped(END, 16));
    }

    @Test
    void bulkReadAndWrite_copyArraysAndBuffers() throws Exception {
        memory.write(BASE + 1, new byte[] {9, 8, 7, 6}, 1, 3);
        ByteBuffer dst = ByteBuffer.allocate(3);

        memory.read(BASE + 1, dst);

        assertArrayEquals(new byte[] {8, 7, 6}, dst.array());
        assertFalse(dst.hasRemaining());
    }

    @Test
    void writeBuffer_straddlingEnd_throwsPartialAccessAndKeepsPosition() {
        ByteBuffer src = ByteBuffer.wrap(new byte[8]);

        assertThrows(GuestMemoryException.PartialAccess.class, () -> memory.write(END - 4, src));

        assertEquals(0, src.position());
    }

    @Test
    void isMapped_reportsWholeRangeInsideOneRegion() {
        assertTrue(memory.isMapped(BASE, SIZE));
        assertFalse(memory.isMapped(BASE, SIZE + 1));
        assertFalse(memory.isMapped(END, 1));
        assertFalse(memory.isMapped(BASE, 0));
    }

    @Test
    void fill_setsEveryByte() {
        memory.fill(BASE + 4, 3, 0xab);

        assertArrayEquals(new byte[] {0, (byte) 0xab, (byte) 0xab, (byte) 0xab, 0}, memory.bytes(BASE + 3, 5));
    }

    @Test
    void bytes_outsideMemory_throwsUncheckedWithCause() {
        var e = assertThrows(UncheckedGuestMemoryException.class, () -> memory.bytes(END, 1));

        assertTrue(e.getCause() instanceof GuestMemoryException.InvalidAddress);
    }
}
