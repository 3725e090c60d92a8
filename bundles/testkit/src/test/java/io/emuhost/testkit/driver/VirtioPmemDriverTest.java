package io.emuhost.testkit.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.testkit.virtqueue.SplitRing;
import org.junit.jupiter.api.Test;

class VirtioPmemDriverTest {

    private final FakePciMachine machine = new FakePciMachine();
    private final FakeVirtioPmemFunction device = machine.function;

    private VirtioPmemDriver open(boolean shmem) {
        return VirtioPmemDriver.open(machine, machine, VirtioPmemDriver.options(0x10000, 0x10000), shmem);
    }

    @Test
    void open_readsStartAndSizeFromConfig() {
        VirtioPmemDriver pmem = open(false);

        assertEquals(FakeVirtioPmemFunction.PMEM_BASE, pmem.start());
        assertEquals(FakeVirtioPmemFunction.PMEM_SIZE, pmem.size());
        assertFalse(pmem.usesSharedMemoryRegion());
    }

    @Test
    void flush_sendsOneIndirectDescriptorWithTwoEntryTable() throws Exception {
        VirtioPmemDriver pmem = open(false);

        int ret = pmem.flush();

        assertEquals(0, ret);
        assertEquals(4, pmem.lastUsedLength());
        assertEquals(new FakeVirtioPmemFunction.SeenRequest(SplitRing.F_INDIRECT, 32, SplitRing.F_NEXT, 4,
                SplitRing.F_WRITE, 4, VirtioPmemDriver.REQ_TYPE_FLUSH), device.requests.get(0));
    }

    @Test
    void flush_repeated_reusesTheDescriptor() throws Exception {
        VirtioPmemDriver pmem = open(false);

        pmem.flush();
        pmem.flush();
        int ret = pmem.flush();

        assertEquals(0, ret);
        assertEquals(3, device.requests.size());
        assertEquals(pmem.pciDriver().queue(0).size(), pmem.pciDriver().queue(0).freeDescriptors());
    }

    @Test
    void flush_intx_completes() throws Exception {
        device.msix = false;
        VirtioPmemDriver pmem = open(false);

        assertEquals(0, pmem.flush());
        assertFalse(pmem.pciDriver().usesMsix());
    }

    @Test
    void writeAndRead_goStraightToGuestMemoryAtStart() {
        VirtioPmemDriver pmem = open(false);

        pmem.write(0x100, new byte[] {1, 2, 3});

        assertArrayEquals(new byte[] {1, 2, 3}, machine.memory.bytes(FakeVirtioPmemFunction.PMEM_BASE + 0x100, 3));
        assertArrayEquals(new byte[] {2, 3}, pmem.read(0x101, 2));
    }

    @Test
    void write_pastEnd_throwsIndexOutOfBounds() {
        VirtioPmemDriver pmem = open(false);

        assertThrows(IndexOutOfBoundsException.class, () -> pmem.write(pmem.size() - 1, new byte[2]));
    }

    @Test
    void open_shmemOfferedButNoRegion_dropsFeatureLikeLinuxValidate() {
        device.offered |= 1L;

        VirtioPmemDriver pmem = open(true);

        assertFalse(pmem.usesSharedMemoryRegion());
        assertEquals(0, device.driverFeatures & 1L);
    }

    @Test
    void open_shmemNegotiated_takesRangeFromRegionZero() {
        device.offered |= 1L;
        device.shmCap = true;

        VirtioPmemDriver pmem = open(true);

        assertTrue(pmem.usesSharedMemoryRegion());
        assertEquals(FakeVirtioPmemFunction.BAR2, pmem.start());
        assertEquals(FakeVirtioPmemFunction.BAR2_SIZE, pmem.size());
    }

    @Test
    void write_shmemRegionInBar_goesThroughBusStores() {
        device.offered |= 1L;
        device.shmCap = true;
        VirtioPmemDriver pmem = open(true);

        pmem.write(8, new byte[] {7, 8});

        assertEquals(7, device.shmBytes()[8]);
        assertArrayEquals(new byte[] {7, 8}, pmem.read(8, 2));
    }

    @Test
    void open_shmemNotChosen_leavesFeatureOff() {
        device.offered |= 1L;
        device.shmCap = true;

        VirtioPmemDriver pmem = open(false);

        assertFalse(pmem.usesSharedMemoryRegion());
    }
}
