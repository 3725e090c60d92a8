package io.emuhost.itests;

import static io.emuhost.api.virtio.VirtioIds.STATUS_DEVICE_NEEDS_RESET;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.testkit.driver.VirtioDriverException;
import io.emuhost.testkit.driver.VirtioPciDriver;
import io.emuhost.testkit.driver.VirtioPmemDriver;
import io.emuhost.testkit.virtqueue.Buffer;
import io.emuhost.testkit.virtqueue.DriverSplitQueue;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FLUSH whose descriptors or response lie in the pmem range of a backing file truncated under
 * the live device (issue 9 items 3 and 10): only that device goes to DEVICE_NEEDS_RESET (virtio
 * 1.2 §2.1.2); the other device, the machine and the still-backed bytes keep working.
 */
class TruncatedBackingFileTest {

    private static final int REQUEST_QUEUE = 0;
    /** Bytes of {@code a.img} left after the truncation. */
    private static final long KEPT = 4096;
    /** Offset in nv1's range of the bytes the truncation took away. */
    private static final long GONE = 1L << 20;

    @TempDir
    Path dir;

    private MachineImpl machine;
    private VirtioPmemDriver victim;
    private VirtioPmemDriver bystander;

    @BeforeEach
    void twoDevices() throws Exception {
        machine = PmemMachines.machine();
        PmemMachines.addPmem(machine, "nv1", "mem1", dir.resolve("a.img"), "64M");
        PmemMachines.addPmem(machine, "nv2", "mem2", dir.resolve("b.img"), "64M");
        victim = VirtioPmemDriver.open(machine.bus(), machine.interrupts(), PmemMachines.driverOptions(0));
        bystander = VirtioPmemDriver.open(machine.bus(), machine.interrupts(), PmemMachines.driverOptions(1));
        victim.write(0, PmemMachines.pattern(1, 64));
        assertEquals(0, victim.flush());
    }

    @AfterEach
    void close() {
        bystander.close();
        victim.close();
        machine.close();
    }

    @Test
    void flushWhoseResponseLiesInTheTruncatedRange_needsResetOnlyThatDevice() throws Exception {
        VirtioPciDriver pci = victim.pciDriver();
        GuestMemory memory = machine.bus().memory();
        long request = pci.allocate(4, 4);
        memory.writeInt(request, VirtioPmemDriver.REQ_TYPE_FLUSH);
        truncate();

        DriverSplitQueue queue = pci.queue(REQUEST_QUEUE);
        int head = queue.addChain(Buffer.readable(request, 4), Buffer.writable(victim.start() + GONE, 4));
        pci.kickIfNeeded(REQUEST_QUEUE);

        assertThrows(VirtioDriverException.DeviceNeedsReset.class, () -> pci.awaitUsed(REQUEST_QUEUE, head));
        assertOnlyTheVictimNeedsReset();
    }

    @Test
    void flushWhoseIndirectTableLiesInTheTruncatedRange_needsResetOnlyThatDevice() throws Exception {
        VirtioPciDriver pci = victim.pciDriver();
        long request = pci.allocate(4, 4);
        long response = pci.allocate(4, 4);
        machine.bus().memory().writeInt(request, VirtioPmemDriver.REQ_TYPE_FLUSH);
        DriverSplitQueue queue = pci.queue(REQUEST_QUEUE);
        // the table is written while the file is whole; the device reads it after the truncation
        int head = queue.addIndirectChain(victim.start() + GONE, Buffer.readable(request, 4),
                Buffer.writable(response, 4));
        truncate();

        pci.kickIfNeeded(REQUEST_QUEUE);

        assertThrows(VirtioDriverException.DeviceNeedsReset.class, () -> pci.awaitUsed(REQUEST_QUEUE, head));
        assertOnlyTheVictimNeedsReset();
    }

    private void truncate() throws Exception {
        try (FileChannel file = FileChannel.open(dir.resolve("a.img"), StandardOpenOption.WRITE)) {
            file.truncate(KEPT);
        }
    }

    private void assertOnlyTheVictimNeedsReset() throws Exception {
        assertEquals(STATUS_DEVICE_NEEDS_RESET, victim.pciDriver().status() & STATUS_DEVICE_NEEDS_RESET);
        assertEquals(0, bystander.pciDriver().status() & STATUS_DEVICE_NEEDS_RESET);
        byte[] data = PmemMachines.pattern(2, 4096);
        bystander.write(0x2000, data);
        assertEquals(0, bystander.flush());
        assertArrayEquals(data, HostFiles.read(dir.resolve("b.img"), 0x2000, data.length));
        assertArrayEquals(PmemMachines.pattern(1, 64), victim.read(0, 64), "the still-backed page is intact");
    }
}
