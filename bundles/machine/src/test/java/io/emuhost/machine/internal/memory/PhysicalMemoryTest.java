package io.emuhost.machine.internal.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.machine.internal.testing.SparseFileBackend;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PhysicalMemoryTest {

    private static final long BASE = 0x1_0000_0000L;
    private static final long GIB = 1L << 30;

    @TempDir
    Path dir;

    private PhysicalMemory memoryWith(MemoryBackend backend, long base) {
        PhysicalMemory memory = new PhysicalMemory();
        memory.map(new MemoryRegion(backend.id(), base, backend.size(), backend, 0, MemoryRegion.windowsOf(backend)));
        return memory;
    }

    private SparseFileBackend backend(String id, long size, boolean readOnly) {
        return new SparseFileBackend(dir, id, "memory-backend-file", size, 4096, readOnly);
    }

    @Test
    void writeLong_thenReadBytes_isLittleEndian() throws Exception {
        PhysicalMemory memory = memoryWith(backend("m", 1 << 20, false), BASE);

        memory.writeLong(BASE + 8, 0x0807_0605_0403_0201L);

        assertEquals(0x01, memory.readByte(BASE + 8));
        assertEquals(0x0201, memory.readShort(BASE + 8));
        assertEquals(0x0807_0605, memory.readInt(BASE + 12));
        assertEquals(0x0807_0605_0403_0201L, memory.readLong(BASE + 8));
    }

    @Test
    void readInt_unmappedAddress_throwsInvalidAddress() {
        PhysicalMemory memory = memoryWith(backend("m", 1 << 20, false), BASE);

        GuestMemoryException.InvalidAddress e = assertThrows(GuestMemoryException.InvalidAddress.class,
                () -> memory.readInt(BASE - 4));

        assertEquals(BASE - 4, e.address());
        assertEquals(4, e.length());
    }

    @Test
    void readLong_pastRegionEnd_throwsPartialAccessWithAvailableBytes() {
        PhysicalMemory memory = memoryWith(backend("m", 1 << 20, false), BASE);

        GuestMemoryException.PartialAccess e = assertThrows(GuestMemoryException.PartialAccess.class,
                () -> memory.readLong(BASE + (1 << 20) - 3));

        assertEquals(3, e.available());
        assertEquals(8, e.length());
    }

    @Test
    void readInt_wrappingPast2To64_throwsAddressOverflow() {
        PhysicalMemory memory = memoryWith(backend("m", 1 << 20, false), BASE);

        GuestMemoryException.AddressOverflow e = assertThrows(GuestMemoryException.AddressOverflow.class,
                () -> memory.readInt(-2L));

        assertEquals(-2L, e.address());
    }

    @Test
    void writeArray_pastRegionEnd_writesNothing() throws Exception {
        PhysicalMemory memory = memoryWith(backend("m", 1 << 20, false), BASE);
        long nearEnd = BASE + (1 << 20) - 2;

        assertThrows(GuestMemoryException.PartialAccess.class, () -> memory.write(nearEnd, new byte[] {1, 2, 3}, 0, 3));

        assertEquals(0, memory.readShort(nearEnd));
    }

    @Test
    void writeLong_straddlingWindowBoundary_landsInBothWindows() throws Exception {
        SparseFileBackend backend = backend("big", 2 * GIB, false);
        PhysicalMemory memory = memoryWith(backend, BASE);
        long boundary = BASE + GIB;

        memory.writeLong(boundary - 3, 0x8877_6655_4433_2211L);

        assertEquals(0x8877_6655_4433_2211L, memory.readLong(boundary - 3));
        assertEquals(0x33, backend.window(0).get((int) (GIB - 1)) & 0xff);
        assertEquals(0x44, backend.window(1).get(0) & 0xff);
    }

    @Test
    void readArray_straddlingWindowBoundary_copiesBothParts() throws Exception {
        PhysicalMemory memory = memoryWith(backend("big", 2 * GIB, false), BASE);
        long boundary = BASE + GIB;
        memory.writeInt(boundary - 2, 0x0403_0201);
        byte[] dst = new byte[6];

        memory.read(boundary - 3, dst, 1, 5);

        assertArrayEquals(new byte[] {0, 0, 1, 2, 3, 4}, dst);
    }

    @Test
    void writeByteBuffer_straddlingWindowBoundary_advancesPositionAndCopies() throws Exception {
        PhysicalMemory memory = memoryWith(backend("big", 2 * GIB, false), BASE);
        long boundary = BASE + GIB;
        ByteBuffer src = ByteBuffer.wrap(new byte[] {9, 8, 7, 6});
        ByteBuffer dst = ByteBuffer.allocate(4);

        memory.write(boundary - 1, src);
        memory.read(boundary - 1, dst);

        assertEquals(4, src.position());
        assertArrayEquals(new byte[] {9, 8, 7, 6}, dst.array());
    }

    @Test
    void writeInt_readOnlyRegion_isDroppedSilently() throws Exception {
        SparseFileBackend writable = backend("rom", 1 << 20, false);
        PhysicalMemory seed = memoryWith(writable, BASE);
        seed.writeInt(BASE, 0x1234_5678);
        PhysicalMemory memory = memoryWith(backend("rom", 1 << 20, true), BASE);

        memory.writeInt(BASE, 0xdead_beef);
        memory.write(BASE, new byte[] {0, 0}, 0, 2);

        assertEquals(0x1234_5678, memory.readInt(BASE));
    }

    @Test
    void isMapped_rangeAcrossRegionEnd_isFalse() {
        PhysicalMemory memory = memoryWith(backend("m", 1 << 20, false), BASE);

        assertTrue(memory.isMapped(BASE, 1 << 20));
        assertFalse(memory.isMapped(BASE, (1 << 20) + 1));
        assertFalse(memory.isMapped(BASE - 1, 1));
    }

    @Test
    void tryMap_overlappingRegion_isRefused() {
        SparseFileBackend backend = backend("m", 1 << 20, false);
        PhysicalMemory memory = memoryWith(backend, BASE);

        boolean mapped = memory.tryMap(new MemoryRegion("other", BASE + 4096, 4096, backend, 0,
                MemoryRegion.windowsOf(backend)));

        assertFalse(mapped);
        assertEquals(1, memory.regions().length);
    }

    @Test
    void unmap_region_makesItsAddressesInvalid() {
        SparseFileBackend backend = backend("m", 1 << 20, false);
        PhysicalMemory memory = new PhysicalMemory();
        MemoryRegion region = new MemoryRegion("m", BASE, 4096, backend, 0, MemoryRegion.windowsOf(backend));
        memory.map(region);

        memory.unmap(region);

        assertThrows(GuestMemoryException.InvalidAddress.class, () -> memory.readByte(BASE));
    }

    @Test
    void twoRegionsOfOneBackend_shareBytesAtTheirOffsets() throws Exception {
        SparseFileBackend backend = backend("ram", 2 << 20, false);
        ByteBuffer[] windows = MemoryRegion.windowsOf(backend);
        PhysicalMemory memory = new PhysicalMemory();
        memory.map(new MemoryRegion("low", 0, 1 << 20, backend, 0, windows));
        memory.map(new MemoryRegion("high", BASE, 1 << 20, backend, 1 << 20, windows));

        memory.writeInt(BASE, 0xcafe_f00d);

        assertEquals(0xcafe_f00d, backend.window(0).getInt(1 << 20));
    }
}
