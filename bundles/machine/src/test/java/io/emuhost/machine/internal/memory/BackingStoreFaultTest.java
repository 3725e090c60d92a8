package io.emuhost.machine.internal.memory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.bus.BusFaultException;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.machine.internal.testing.SparseFileBackend;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * A backing file truncated under its mapping (issue 9 item 3): every kind of access to the
 * vanished pages fails with {@link GuestMemoryException.BackingStoreFault} at that access, and the
 * next access to a page that is still backed works. Each kind is repeated so that it also runs
 * JIT-compiled, where JDK 17 raises the fault's {@link InternalError} asynchronously: a fault that
 * leaked past the access would surface in the valid access after it.
 */
class BackingStoreFaultTest {

    private static final long BASE = 0x1_0000_0000L;
    private static final int SIZE = 64 << 10;
    private static final int KEPT = 4096;
    private static final long GONE = BASE + 2 * KEPT;
    private static final int ROUNDS = 3000;

    @TempDir
    Path dir;

    private PhysicalMemory memory;
    private SystemBus bus;

    @BeforeEach
    void mapThenTruncate() throws Exception {
        SparseFileBackend backend = new SparseFileBackend(dir, "pmem0", "memory-backend-file", SIZE, 4096, false);
        memory = new PhysicalMemory();
        memory.map(new MemoryRegion(backend.id(), BASE, SIZE, backend, 0, MemoryRegion.windowsOf(backend)));
        bus = new SystemBus(memory, new IoRegionMap(), new IoRegionMap());
        memory.writeLong(BASE + 8, 0x0807_0605_0403_0201L);
        try (FileChannel file = FileChannel.open(dir.resolve("pmem0"), StandardOpenOption.WRITE)) {
            file.truncate(KEPT);
        }
    }

    @Test
    void singleLoads_inTruncatedRange_throwBackingStoreFault_nextValidLoadWorks() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            assertFault(1, () -> memory.readByte(GONE));
            assertValid();
            assertFault(2, () -> memory.readShort(GONE));
            assertValid();
            assertFault(4, () -> memory.readInt(GONE));
            assertValid();
            assertFault(8, () -> memory.readLong(GONE));
            assertValid();
        }
    }

    @Test
    void singleStores_inTruncatedRange_throwBackingStoreFault_nextValidLoadWorks() throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            assertFault(1, () -> memory.writeByte(GONE, 1));
            assertValid();
            assertFault(2, () -> memory.writeShort(GONE, 1));
            assertValid();
            assertFault(4, () -> memory.writeInt(GONE, 1));
            assertValid();
            assertFault(8, () -> memory.writeLong(GONE, 1));
            assertValid();
        }
    }

    @Test
    void bulkCopies_intoOrOutOfTruncatedRange_throwBackingStoreFault_nextValidLoadWorks() throws Exception {
        byte[] array = new byte[64];
        ByteBuffer heap = ByteBuffer.allocate(64);
        ByteBuffer direct = ByteBuffer.allocateDirect(64);
        for (int round = 0; round < ROUNDS; round++) {
            assertFault(64, () -> memory.read(GONE, array, 0, 64));
            assertValid();
            assertFault(64, () -> memory.write(GONE, array, 0, 64));
            assertValid();
            assertFault(64, () -> memory.read(GONE, heap.clear()));
            assertValid();
            assertFault(64, () -> memory.read(GONE, direct.clear()));
            assertValid();
            assertFault(64, () -> memory.write(GONE, heap.clear()));
            assertValid();
            assertFault(64, () -> memory.write(GONE, direct.clear()));
            assertValid();
        }
    }

    @Test
    void copyFromValidIntoTruncatedPages_throwsBackingStoreFault_forTheWholeAccess() throws Exception {
        byte[] array = new byte[2 * KEPT];
        GuestMemoryException.BackingStoreFault e = assertThrows(GuestMemoryException.BackingStoreFault.class,
                () -> memory.read(BASE, array, 0, array.length));

        assertEquals(BASE, e.address());
        assertEquals(array.length, e.length());
        assertValid();
    }

    @Test
    void busAccess_inTruncatedRange_throwsBusFaultException_nextValidBusAccessWorks() {
        for (int round = 0; round < ROUNDS; round++) {
            BusFaultException load = assertThrows(BusFaultException.class, () -> bus.read(GONE, 4));
            assertEquals(GONE, load.getCause().address());
            assertEquals(0x0403_0201L, bus.read(BASE + 8, 4));
            assertThrows(BusFaultException.class, () -> bus.write(GONE, 8, -1L));
            assertEquals(0x0807_0605_0403_0201L, bus.read(BASE + 8, 8));
        }
    }

    @Test
    void fault_namesRegionAndKeepsTheJvmError() {
        GuestMemoryException.BackingStoreFault e = assertThrows(GuestMemoryException.BackingStoreFault.class,
                () -> memory.readInt(GONE));

        assertEquals("pmem0", e.region());
        assertTrue(e.getMessage().contains("0x100002000 + 0x4"), e.getMessage());
        assertTrue(e.getMessage().contains("'pmem0'"), e.getMessage());
        assertInstanceOf(InternalError.class, e.getCause());
    }

    @Test
    void fileGrownBack_accessWorksAgain() throws Exception {
        assertFault(8, () -> memory.readLong(GONE));
        try (FileChannel file = FileChannel.open(dir.resolve("pmem0"), StandardOpenOption.WRITE)) {
            file.truncate(SIZE);
            file.write(ByteBuffer.wrap(new byte[] {42}), SIZE - 1);
        }

        memory.writeLong(GONE, 0x1122_3344_5566_7788L);

        assertEquals(0x1122_3344_5566_7788L, memory.readLong(GONE));
        byte[] last = new byte[1];
        memory.read(BASE + SIZE - 1, last, 0, 1);
        assertArrayEquals(new byte[] {42}, last);
    }

    private void assertFault(int length, Executable access) {
        GuestMemoryException.BackingStoreFault e = assertThrows(GuestMemoryException.BackingStoreFault.class, access);
        assertEquals(GONE, e.address());
        assertEquals(length, e.length());
    }

    private void assertValid() throws GuestMemoryException {
        assertEquals(0x0807_0605_0403_0201L, memory.readLong(BASE + 8));
    }
}
