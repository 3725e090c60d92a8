package io.emuhost.virtio.pmem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import io.emuhost.testkit.device.TestProperties;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The device's {@code qom-get} values (reference §2.1, §7 "qom"). */
class PmemQomPropertiesTest {

    private static final List<PropertySpec> TRANSPORT = List.of(
            new PropertySpec("vectors", PropertyType.UINT32, Optional.empty(), "MSI-X vectors"),
            new PropertySpec("indirect_desc", PropertyType.BOOL, Optional.of("on"), "indirect"),
            new PropertySpec("iommu_platform", PropertyType.BOOL, Optional.of("off"), "iommu"),
            new PropertySpec("disable-legacy", PropertyType.ON_OFF_AUTO, Optional.of("auto"), "legacy"),
            new PropertySpec("disable-modern", PropertyType.BOOL, Optional.of("off"), "modern"));

    @Test
    void of_transportBooleans_takeTheGivenValueOrTheDefault() throws Exception {
        Map<String, Object> values = PmemQomProperties.of("/objects/mem1", 1L << 32, true, TRANSPORT,
                TestProperties.of("indirect_desc", "off"));

        assertEquals(List.of("memdev", "memaddr", "shmem-region", "flush-ops", "flush-ops-burst", "indirect_desc",
                "iommu_platform",
                "disable-legacy", "disable-modern"), List.copyOf(values.keySet()));
        assertEquals("/objects/mem1", values.get("memdev"));
        assertEquals(1L << 32, values.get("memaddr"));
        assertEquals(true, values.get("shmem-region"));
        assertEquals(false, values.get("indirect_desc"));
        assertEquals(false, values.get("iommu_platform"));
    }

    @Test
    void of_legacyProperties_areForcedModernOnlyWhateverWasGiven() throws Exception {
        Map<String, Object> values = PmemQomProperties.of("/objects/mem1", 0, false, TRANSPORT,
                TestProperties.of("disable-legacy", "off", "disable-modern", "on"));

        assertEquals("on", values.get("disable-legacy"));
        assertEquals(false, values.get("disable-modern"));
    }
}
