package io.emuhost.virtio.pmem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.emuhost.api.virtio.SharedMemoryRegion;
import io.emuhost.testkit.memory.TestMemoryBackend;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Identity, features, configuration space and shared memory (virtio 1.2 §5.19.1-§5.19.5). */
class VirtioPmemDeviceConfigTest {

    private static final long MEMADDR = 0x1_0000_0000L;
    private static final long SIZE = 0x1000_0000L;
    private static final long SHMEM_REGION = 1L << VirtioPmemDevice.F_SHMEM_REGION;

    private final TestMemoryBackend backend = new TestMemoryBackend("mem1", SIZE);
    private final VirtioPmemDevice device = new VirtioPmemDevice(backend, MEMADDR, true);

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void identity_isPmemWithOneQueueOf128() {
        assertEquals(27, device.deviceId());
        assertEquals(1, device.queueCount());
        assertEquals(128, device.queueMaxSize(0));
        assertEquals(16, device.configSize());
    }

    @Test
    void config_withoutShmemNegotiated_holdsStartAndSize() {
        device.driverFeatures(0);

        assertEquals(MEMADDR, device.readConfig(0, 8));
        assertEquals(SIZE, device.readConfig(8, 8));
    }

    @Test
    void config_readsAs32BitHalvesAndSmallerPieces() {
        assertEquals(0x0000_0000L, device.readConfig(0, 4));
        assertEquals(0x0000_0001L, device.readConfig(4, 4));
        assertEquals(0x1000_0000L, device.readConfig(8, 4));
        assertEquals(0x0000_0000L, device.readConfig(12, 4));
        assertEquals(0x10L, device.readConfig(11, 1));
        assertEquals(0x1000L, device.readConfig(10, 2));
    }

    @Test
    void config_withShmemNegotiated_readsZero() {
        device.driverFeatures(SHMEM_REGION);

        assertEquals(0, device.readConfig(0, 8));
        assertEquals(0, device.readConfig(8, 8));
        assertEquals(0, device.readConfig(4, 4));
    }

    @Test
    void config_afterReset_showsTheRangeAgain() {
        device.driverFeatures(SHMEM_REGION);

        device.reset();

        assertEquals(MEMADDR, device.readConfig(0, 8));
    }

    @Test
    void config_writesAreIgnored() {
        device.writeConfig(0, 8, 0x1234);
        device.writeConfig(8, 4, 0);

        assertEquals(MEMADDR, device.readConfig(0, 8));
        assertEquals(SIZE, device.readConfig(8, 8));
    }

    @Test
    void shmemRegionOn_offersTheFeatureAndRegion0OverTheBackend() {
        List<SharedMemoryRegion> regions = device.sharedMemoryRegions();

        assertEquals(SHMEM_REGION, device.deviceFeatures());
        assertEquals(1, regions.size());
        assertEquals(0, regions.get(0).id());
        assertSame(backend, regions.get(0).backend());
    }

    @Test
    void shmemRegionOff_offersNeitherFeatureNorRegion() {
        VirtioPmemDevice plain = new VirtioPmemDevice(backend, MEMADDR, false);

        assertEquals(0, plain.deviceFeatures());
        assertEquals(List.of(), plain.sharedMemoryRegions());
    }
}
