package io.emuhost.virtio.pci.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.virtio.SharedMemoryRegion;
import io.emuhost.testkit.memory.TestMemoryBackend;
import io.emuhost.testkit.device.TestProperties;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtioPciTransportTest {

    private static final int MSIX_CAP = 0x98;

    private final VirtioPciTransport transport = new VirtioPciTransport();

    @Test
    void properties_includeVectorsAndTheRingFeatures() {
        List<String> names = transport.properties().stream().map(PropertySpec::name).toList();

        assertTrue(names.containsAll(List.of("vectors", "indirect_desc", "event_idx", "queue_reset")), names.toString());
    }

    @Test
    void wrap_withoutVectors_usesQueuesPlusOne() throws Exception {
        PciFunction function = transport.wrap(new TestVirtioDevice(1, 0, List.of(), 8, 8, 8), TestProperties.of());

        assertEquals(MSIX_CAP, function.capabilityPointer());
        assertEquals(3, function.readConfig(MSIX_CAP + 2, 2) & 0x7ff);
    }

    @Test
    void wrap_vectorsNotUint32_failsWithQemuMessage() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> transport.wrap(TestVirtioDevice.pmemLike(), TestProperties.of("vectors", "4294967296")));

        assertEquals("Parameter 'vectors' expects uint32_t", e.getMessage());
    }

    @Test
    void wrap_vectorsAbove2048_warnsAndLeavesMsixOut() throws Exception {
        TestProperties properties = TestProperties.of("vectors", "5000");

        PciFunction function = transport.wrap(TestVirtioDevice.pmemLike(), properties);

        assertEquals(List.of("unable to init msix vectors to 5000"), properties.warnings());
        assertEquals(0x84, function.capabilityPointer());
    }

    @Test
    void wrap_iommuPlatformOn_isRejected() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> transport.wrap(TestVirtioDevice.pmemLike(), TestProperties.of("iommu_platform", "on")));

        assertEquals("iommu_platform=true is not supported by the device", e.getMessage());
    }

    @Test
    void wrap_packedOn_isRejected() {
        assertThrows(ConfigurationException.class,
                () -> transport.wrap(TestVirtioDevice.pmemLike(), TestProperties.of("packed", "on")));
    }

    @Test
    void wrap_disableLegacyOffAndDisableModernOn_areSilentlyOverridden() throws Exception {
        PciFunction function = transport.wrap(TestVirtioDevice.pmemLike(),
                TestProperties.of("disable-legacy", "off", "disable-modern", "on", "vectors", "0"));

        assertEquals(1, function.identity().revision());
        assertEquals(0x84, function.capabilityPointer());
    }

    @Test
    void wrap_malformedBoolean_isRejected() {
        assertThrows(ConfigurationException.class,
                () -> transport.wrap(TestVirtioDevice.pmemLike(), TestProperties.of("event_idx", "maybe")));
    }

    @Test
    void wrap_bar64OffWithASharedMemoryRegionOver2GiB_isRejected() {
        TestVirtioDevice device = new TestVirtioDevice(27, 0,
                List.of(new SharedMemoryRegion(0, new TestMemoryBackend("shm0", (2L << 30) + 4096))), 128);

        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> transport.wrap(device, TestProperties.of("x-bar64", "off")));

        assertEquals("x-bar64=off: shared memory region 0 needs a BAR of 4294967296 bytes, more than a 32-bit BAR "
                + "holds (2147483648)", e.getMessage());
    }

    @Test
    void wrap_bar64OffWithA2GiBSharedMemoryRegion_fitsA32BitBar() throws Exception {
        TestVirtioDevice device = new TestVirtioDevice(27, 0,
                List.of(new SharedMemoryRegion(0, new TestMemoryBackend("shm0", 2L << 30))), 128);

        PciFunction function = transport.wrap(device, TestProperties.of("x-bar64", "off", "vectors", "0"));

        assertEquals(List.of(2, 2L << 30, false),
                List.of(function.bars().get(0).index(), function.bars().get(0).size(), function.bars().get(0).is64Bit()));
    }

    @Test
    void wrap_twoSharedMemoryRegions_isRejected() {
        TestVirtioDevice device = new TestVirtioDevice(27, 0, List.of(
                new SharedMemoryRegion(0, new TestMemoryBackend("shm0", 4096)),
                new SharedMemoryRegion(1, new TestMemoryBackend("shm0", 4096))), 128);

        assertThrows(ConfigurationException.class, () -> transport.wrap(device, TestProperties.of()));
    }
}
