package io.emuhost.machine.internal.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.bus.GuestBus;
import io.emuhost.api.bus.MmioBar;
import io.emuhost.api.bus.RamBar;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.machine.internal.testing.ConfigPorts;
import io.emuhost.machine.internal.testing.SparseFileBackend;
import io.emuhost.machine.internal.testing.TestMachines;
import io.emuhost.testkit.device.RecordingHandler;
import io.emuhost.testkit.device.TestDeviceFactory;
import io.emuhost.testkit.device.TestPciFunction;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BarMappingTest {

    private static final int SLOT2 = 2 << 3;
    private static final int BAR2 = 0x18;
    private static final int BAR4 = 0x20;
    private static final int BAR5 = 0x24;
    private static final long FIRST_BAR = 0xfebf_c000L;

    @TempDir
    Path dir;

    private TestMachines machines;
    private final RecordingHandler handler = new RecordingHandler();

    @AfterEach
    void tearDown() {
        machines.close();
    }

    private GuestBus start(TestPciFunction function) throws Exception {
        machines = new TestMachines(dir, new MachineSpec("pc", 1L << 30, 2, OptionalLong.of(8L << 30)),
                new TestDeviceFactory(() -> function));
        machines.machine.addDevice(TestDeviceFactory.DRIVER, Map.of("id", "nv1"), Frontend.QMP);
        return machines.machine.bus();
    }

    private GuestBus startWithMmioBar() throws Exception {
        return start(new TestPciFunction(TestPciFunction.VIRTIO_PMEM,
                List.of(new MmioBar(4, 0x4000, true, true, handler)), 0x84));
    }

    private long barAddress() {
        return machines.machine.pciDevices().get(2).regions().get(0).address();
    }

    @Test
    void write_atAssignedBar_reachesTheRegisters() throws Exception {
        GuestBus bus = startWithMmioBar();

        bus.write(FIRST_BAR + 0x3000, 2, 1);

        assertEquals(0x3000, handler.lastOffset);
        assertEquals(0x1000_0008L, bus.read(FIRST_BAR + 8, 4));
    }

    @Test
    void reprogrammingTheBar_movesTheRegisters() throws Exception {
        GuestBus bus = startWithMmioBar();
        ConfigPorts config = new ConfigPorts(bus);

        config.write(SLOT2, BAR4, 4, 0xe000_0000);

        assertEquals(0, bus.read(FIRST_BAR + 8, 4));
        assertEquals(0x1000_0008L, bus.read(0xe000_0008L, 4));
        assertEquals(0xe000_0000L, barAddress());
    }

    @Test
    void programmingTheHighHalf_movesTheBarAbove4GiB() throws Exception {
        GuestBus bus = startWithMmioBar();
        ConfigPorts config = new ConfigPorts(bus);

        config.write(SLOT2, BAR5, 4, 0x8);

        assertEquals(0x8_febf_c000L, barAddress());
        assertEquals(0x1000_0004L, bus.read(0x8_febf_c004L, 4));
    }

    @Test
    void clearingMemorySpace_unmapsTheBar() throws Exception {
        GuestBus bus = startWithMmioBar();
        ConfigPorts config = new ConfigPorts(bus);

        config.write(SLOT2, 0x04, 2, 0x0005);

        assertEquals(0, bus.read(FIRST_BAR + 8, 4));
        assertEquals(-1, barAddress());
    }

    @Test
    void sizingTheBar_unmapsItUntilRestored() throws Exception {
        GuestBus bus = startWithMmioBar();
        ConfigPorts config = new ConfigPorts(bus);

        config.write(SLOT2, BAR4, 4, 0xffff_ffff);
        config.write(SLOT2, BAR5, 4, 0xffff_ffff);
        long whileSizing = barAddress();
        config.write(SLOT2, BAR4, 4, (int) FIRST_BAR);
        config.write(SLOT2, BAR5, 4, 0);

        assertEquals(-1, whileSizing);
        assertEquals(FIRST_BAR, barAddress());
        assertEquals(0x1000_0008L, bus.read(FIRST_BAR + 8, 4));
    }

    @Test
    void ramBar_isGuestMemoryAtItsAddressAndFollowsTheRegister() throws Exception {
        SparseFileBackend shm = new SparseFileBackend(dir, "shm", "memory-backend-file", 1 << 20, 4096, false);
        GuestBus bus = start(new TestPciFunction(TestPciFunction.VIRTIO_PMEM,
                List.of(new RamBar(2, 1 << 20, true, true, shm)), 0));
        long assigned = 0xfeb0_0000L;

        bus.memory().writeInt(assigned + 16, 0x600d_cafe);
        new ConfigPorts(bus).write(SLOT2, BAR2, 4, 0xd000_0000);

        assertEquals(assigned, 0xfec0_0000L - (1 << 20));
        assertEquals(0x600d_cafe, shm.window(0).getInt(16));
        assertEquals(0x600d_cafe, bus.memory().readInt(0xd000_0010L));
        assertThrows(GuestMemoryException.InvalidAddress.class, () -> bus.memory().readInt(assigned + 16));
    }

    @Test
    void largeBar_isAssignedInThe64BitWindowAboveDeviceMemory() throws Exception {
        start(new TestPciFunction(TestPciFunction.VIRTIO_PMEM,
                List.of(new MmioBar(0, 512L << 20, true, true, handler)), 0));

        assertEquals(0x3_4000_0000L, barAddress());
    }
}
