package io.emuhost.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.machine.Frontend;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.api.virtio.VirtioIds;
import io.emuhost.testkit.driver.ConfigMechanism;
import io.emuhost.testkit.driver.VirtioDriverException;
import io.emuhost.testkit.driver.VirtioPciDriver;
import io.emuhost.testkit.driver.VirtioPmemDriver;
import io.emuhost.testkit.virtqueue.Buffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole stack in one JVM: machine + memory-backend-file + virtio-pci transport + virtio-pmem,
 * driven by the testkit's guest driver the way Linux drives it.
 */
class VirtioPmemEndToEndTest {

    private static final long SIZE_64M = 64L << 20;
    private static final long SIZE_4G = 4L << 30;

    @TempDir
    Path dir;

    private MachineImpl machine;

    @BeforeEach
    void assemble() throws Exception {
        machine = PmemMachines.machine();
    }

    @AfterEach
    void close() {
        machine.close();
    }

    private VirtioPmemDriver openDriver(int instance) {
        return VirtioPmemDriver.open(machine.bus(), machine.interrupts(), PmemMachines.driverOptions(instance));
    }

    @Test
    void flush_msixDefault_writesReachBackingFile() throws Exception {
        Path file = dir.resolve("pmem0.img");
        PmemMachines.addPmem(machine, "nv1", "mem1", file, "64M");
        VirtioPmemDriver pmem = openDriver(0);
        byte[] data = PmemMachines.pattern(1, 8192);

        pmem.write(0x1000, data);
        int ret = pmem.flush();

        assertEquals(0, ret);
        assertEquals(4, pmem.lastUsedLength());
        assertTrue(pmem.pciDriver().usesMsix());
        assertTrue(pmem.pciDriver().interruptCount(1) >= 1);
        assertArrayEquals(data, HostFiles.read(file, 0x1000, data.length));
    }

    @Test
    void flush_vectorsZero_usesIntxAndIsr() throws Exception {
        Path file = dir.resolve("pmem0.img");
        PmemMachines.addPmem(machine, "nv1", "mem1", file, "64M", "vectors", "0");
        VirtioPmemDriver pmem = openDriver(0);
        byte[] data = PmemMachines.pattern(2, 4096);

        pmem.write(0, data);
        int ret = pmem.flush();

        assertEquals(0, ret);
        assertFalse(pmem.pciDriver().usesMsix());
        assertTrue(pmem.pciDriver().interruptCount(0) >= 1);
        assertArrayEquals(data, HostFiles.read(file, 0, data.length));
    }

    @Test
    void flush_moreTimesThanQueueSize_ringWrapsAndEveryFlushSucceeds() throws Exception {
        PmemMachines.addPmem(machine, "nv1", "mem1", dir.resolve("pmem0.img"), "64M");
        VirtioPmemDriver pmem = openDriver(0);
        int failures = 0;

        for (int i = 0; i < 3 * pmem.pciDriver().queue(0).size(); i++) {
            failures += pmem.flush() == 0 ? 0 : 1;
        }

        assertEquals(0, failures);
    }

    @Test
    void open_readsStartAndSizeFromConfigAsPlaced() throws Exception {
        PmemMachines.addPmem(machine, "nv1", "mem1", dir.resolve("pmem0.img"), "64M");

        VirtioPmemDriver pmem = openDriver(0);

        MemoryDeviceInfo placed = machine.memoryDevices().get(0);
        assertEquals(placed.memaddr(), pmem.start());
        assertEquals(SIZE_64M, pmem.size());
        assertFalse(pmem.usesSharedMemoryRegion());
    }

    @Test
    void flush_shmemRegionNegotiated_rangeIsSharedMemoryRegionZero() throws Exception {
        Path file = dir.resolve("pmem0.img");
        PmemMachines.addPmem(machine, "nv1", "mem1", file, "64M", "shmem-region", "on");
        VirtioPmemDriver pmem = VirtioPmemDriver.open(machine.bus(), machine.interrupts(),
                PmemMachines.driverOptions(0), true);
        byte[] data = PmemMachines.pattern(5, 1024);

        pmem.write(0x3000, data);
        int ret = pmem.flush();

        assertTrue(pmem.usesSharedMemoryRegion());
        assertEquals(SIZE_64M, pmem.size());
        assertEquals(0, pmem.pciDriver().deviceConfig().read64(0));
        assertEquals(0, ret);
        assertArrayEquals(data, HostFiles.read(file, 0x3000, data.length));
    }

    @Test
    void open_throughEcam_findsTheSameFunction() throws Exception {
        Path file = dir.resolve("pmem0.img");
        PmemMachines.addPmem(machine, "nv1", "mem1", file, "64M");
        VirtioPmemDriver pmem = VirtioPmemDriver.open(machine.bus(), machine.interrupts(),
                PmemMachines.driverOptions(0).withConfigMechanism(ConfigMechanism.ECAM));
        byte[] data = PmemMachines.pattern(3, 512);

        pmem.write(SIZE_64M - data.length, data);

        assertEquals(0, pmem.flush());
        assertArrayEquals(data, HostFiles.read(file, SIZE_64M - data.length, data.length));
    }

    @Test
    void twoDevices_eachFlushesIntoItsOwnFile() throws Exception {
        Path file1 = dir.resolve("a.img");
        Path file2 = dir.resolve("b.img");
        PmemMachines.addPmem(machine, "nv1", "mem1", file1, "64M");
        PmemMachines.addPmem(machine, "nv2", "mem2", file2, "64M");
        VirtioPmemDriver first = openDriver(0);
        VirtioPmemDriver second = openDriver(1);
        byte[] data1 = PmemMachines.pattern(11, 4096);
        byte[] data2 = PmemMachines.pattern(22, 4096);

        first.write(0x2000, data1);
        second.write(0x2000, data2);
        int ret1 = first.flush();
        int ret2 = second.flush();

        assertEquals(0, ret1);
        assertEquals(0, ret2);
        assertNotEquals(first.start(), second.start());
        assertArrayEquals(data1, HostFiles.read(file1, 0x2000, data1.length));
        assertArrayEquals(data2, HostFiles.read(file2, 0x2000, data2.length));
    }

    @Test
    void largeDevice_over2GiB_writeNearEndReachesSparseFile() throws Exception {
        Path file = dir.resolve("big.img");
        PmemMachines.addPmem(machine, "nv1", "mem1", file, "4G");
        VirtioPmemDriver pmem = openDriver(0);
        byte[] data = PmemMachines.pattern(4, 4096);
        long offset = SIZE_4G - 2 * data.length;

        pmem.write(offset, data);
        int ret = pmem.flush();

        assertEquals(0, ret);
        assertEquals(SIZE_4G, pmem.size());
        assertEquals(SIZE_4G, Files.size(file));
        assertArrayEquals(data, HostFiles.read(file, offset, data.length));
    }

    @Test
    void malformedRequest_onlyReadableBuffer_deviceNeedsResetThenResetRecovers() throws Exception {
        PmemMachines.addPmem(machine, "nv1", "mem1", dir.resolve("pmem0.img"), "64M");
        VirtioPmemDriver pmem = openDriver(0);
        VirtioPciDriver pci = pmem.pciDriver();
        long request = pci.allocate(4, 4);
        int head = pci.queue(0).addChain(Buffer.readable(request, 4));
        pci.kick(0);

        var e = assertThrows(VirtioDriverException.DeviceNeedsReset.class, () -> pci.awaitUsed(0, head));

        assertEquals(VirtioIds.STATUS_DEVICE_NEEDS_RESET, e.status() & VirtioIds.STATUS_DEVICE_NEEDS_RESET);
        pci.reset();
        assertEquals(0, pci.status());
    }

    @Test
    void flush_ramBackend_reportsFailure() throws Exception {
        machine.addObject("memory-backend-ram", Map.of("id", "ram1", "size", "64M"), Frontend.COMMAND_LINE);
        machine.addDevice("virtio-pmem-pci", Map.of("id", "nv1", "memdev", "ram1"), Frontend.COMMAND_LINE);
        VirtioPmemDriver pmem = openDriver(0);

        int ret = pmem.flush();

        assertNotEquals(0, ret);
        assertNotEquals(VirtioPmemDriver.NO_RESPONSE, ret);
    }
}
