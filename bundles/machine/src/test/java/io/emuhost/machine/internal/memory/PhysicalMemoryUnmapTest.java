package io.emuhost.machine.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.machine.internal.testing.SparseFileBackend;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Unmapping waits for the accesses in flight, so a backend may be closed once unmap returns. */
class PhysicalMemoryUnmapTest {

    private static final long BASE = 0x1_0000_0000L;
    private static final long WAIT_SECONDS = 10;

    @TempDir
    Path dir;

    private MemoryRegion region() {
        SparseFileBackend backend = new SparseFileBackend(dir, "m", "memory-backend-file", 1 << 20, 4096, false);
        return new MemoryRegion("m", BASE, backend.size(), backend, 0, MemoryRegion.windowsOf(backend));
    }

    @Test
    void unmap_accessInFlight_returnsOnlyAfterTheAccessEnded() throws Exception {
        PhysicalMemory memory = new PhysicalMemory();
        MemoryRegion region = region();
        memory.map(region);
        long stamp = memory.beginAccess();
        MemoryRegion seen = memory.regionContaining(BASE, 8);
        CountDownLatch unmapped = new CountDownLatch(1);
        Thread unplug = new Thread(() -> {
            memory.unmap(region);
            unmapped.countDown();
        });
        unplug.start();

        boolean unmappedDuringAccess = unmapped.await(200, TimeUnit.MILLISECONDS);
        seen.store(BASE, 8, 42);
        memory.endAccess(stamp);

        assertFalse(unmappedDuringAccess);
        assertTrue(unmapped.await(WAIT_SECONDS, TimeUnit.SECONDS));
        assertFalse(memory.isMapped(BASE, 1));
        unplug.join();
    }

    @Test
    void access_afterUnmap_failsWithInvalidAddress() {
        PhysicalMemory memory = new PhysicalMemory();
        MemoryRegion region = region();
        memory.map(region);

        memory.unmap(region);

        assertThrows(GuestMemoryException.InvalidAddress.class, () -> memory.readLong(BASE));
        assertEquals(null, memory.regionContaining(BASE, 1));
    }

    @Test
    void unmap_noAccessInFlight_returnsAtOnceAndOtherRegionsStay() throws Exception {
        PhysicalMemory memory = new PhysicalMemory();
        MemoryRegion region = region();
        SparseFileBackend other = new SparseFileBackend(dir, "o", "memory-backend-file", 1 << 20, 4096, false);
        memory.map(region);
        memory.map(new MemoryRegion("o", 0, other.size(), other, 0, MemoryRegion.windowsOf(other)));

        memory.unmap(region);
        memory.writeInt(16, 5);

        assertEquals(5, memory.readInt(16));
    }
}
