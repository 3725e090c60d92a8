package io.emuhost.machine.internal.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuhost.machine.internal.testing.SparseFileBackend;
import io.emuhost.testkit.device.RecordingHandler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemBusTest {

    private static final long MMIO_BASE = 0xfebf_c000L;

    @TempDir
    Path dir;

    private final PhysicalMemory memory = new PhysicalMemory();
    private final IoRegionMap mmio = new IoRegionMap();
    private final IoRegionMap ports = new IoRegionMap();
    private final SystemBus bus = new SystemBus(memory, mmio, ports);

    @Test
    void read_unassignedAddress_isZero() {
        assertEquals(0, bus.read(0x1234_5678L, 4));
        assertEquals(0, bus.read(0xffff_ffff_ffff_fff0L, 8));
    }

    @Test
    void write_unassignedAddress_isDropped() {
        bus.write(0x1000, 4, 0xdead_beefL);

        assertEquals(0, bus.read(0x1000, 4));
    }

    @Test
    void in_unclaimedPort_readsAllOnesOfTheAccessSize() {
        assertEquals(0xff, bus.in(0x80, 1));
        assertEquals(0xffff, bus.in(0x80, 2));
        assertEquals(0xffff_ffff, bus.in(0x80, 4));
    }

    @Test
    void readWrite_mmioRegion_reachHandlerWithRegionOffset() {
        RecordingHandler handler = new RecordingHandler();
        mmio.map(new IoRegion("regs", MMIO_BASE, 0x4000, handler));

        bus.write(MMIO_BASE + 0x3000, 2, 0x1_0005L);

        assertEquals(0x3000, handler.lastOffset);
        assertEquals(2, handler.lastSize);
        assertEquals(0x0005, handler.lastValue);
        assertEquals(0x1000_0010L, bus.read(MMIO_BASE + 0x10, 4));
    }

    @Test
    void read_mmioAccessRunningPastRegionEnd_isUnassigned() {
        mmio.map(new IoRegion("regs", MMIO_BASE, 0x4000, new RecordingHandler()));

        assertEquals(0, bus.read(MMIO_BASE + 0x3ffe, 4));
    }

    @Test
    void outIn_claimedPort_reachHandler() {
        RecordingHandler handler = new RecordingHandler();
        ports.map(new IoRegion("port", 0xcf8, 8, handler));

        bus.out(0xcfc, 4, 0x8000_0000);

        assertEquals(4, handler.lastOffset);
        assertEquals(0x8000_0000L, handler.lastValue);
        assertEquals(0x0002, bus.in(0xcfa, 2));
    }

    @Test
    void readWrite_memory_goThroughGuestMemory() throws Exception {
        SparseFileBackend backend = new SparseFileBackend(dir, "ram", "memory-backend-ram", 1 << 20, 4096, false);
        memory.map(new MemoryRegion("ram", 0, 1 << 20, backend, 0, MemoryRegion.windowsOf(backend)));

        bus.write(0x100, 8, 0x1122_3344_5566_7788L);

        assertEquals(0x5566_7788, bus.memory().readInt(0x100));
        assertEquals(0x1122_3344_5566_7788L, bus.read(0x100, 8));
    }

    @Test
    void write_romRegion_isDropped() {
        SparseFileBackend backend = new SparseFileBackend(dir, "rom", "memory-backend-file", 4096, 4096, true);
        memory.map(new MemoryRegion("rom", 0x10000, 4096, backend, 0, MemoryRegion.windowsOf(backend)));

        bus.write(0x10000, 4, 0xffff_ffffL);

        assertEquals(0, bus.read(0x10000, 4));
    }
}
