package io.emuhost.virtio.pci.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import io.emuhost.api.virtio.VirtioIds;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The transport's own device properties, parsed: QEMU's virtio-pci proxy and virtio-device
 * properties that make sense for a modern-only split-ring transport.
 *
 * @param vectors the number of MSI-X vectors, 0 for no MSI-X capability
 * @param indirectDesc offer VIRTIO_F_INDIRECT_DESC
 * @param eventIdx offer VIRTIO_F_EVENT_IDX
 * @param queueReset offer VIRTIO_F_RING_RESET
 * @param bar64 make the register BAR (BAR4) and the shared memory BAR (BAR2) 64-bit BARs, as
 *     QEMU does; off for QEMU's {@code x-pci-proxy-dev}, which maps only 32-bit BARs
 */
record VirtioPciOptions(int vectors, boolean indirectDesc, boolean eventIdx, boolean queueReset, boolean bar64) {

    /** The largest MSI-X table (PCI Local Bus 3.0 §6.8.2.3: an 11-bit Table Size field). */
    static final int MAX_VECTORS = 2048;

    /** The largest BAR a 32-bit memory BAR can decode (PCI Local Bus 3.0 §6.2.5.1). */
    static final long MAX_BAR32_SIZE = 1L << 31;

    private static final long UINT32_MAX = 0xffff_ffffL;

    /** What {@code -device ...,help} lists for the transport, in QEMU's order of importance. */
    static final List<PropertySpec> SPECS = List.of(
            spec("vectors", PropertyType.UINT32, null, "number of MSI-X vectors (default: queues + 1; 0 disables MSI-X)"),
            spec("indirect_desc", PropertyType.BOOL, "on", "offer VIRTIO_F_INDIRECT_DESC"),
            spec("event_idx", PropertyType.BOOL, "on", "offer VIRTIO_F_EVENT_IDX"),
            spec("queue_reset", PropertyType.BOOL, "on", "offer VIRTIO_F_RING_RESET"),
            spec("x-bar64", PropertyType.BOOL, "on",
                    "64-bit BARs (registers, shared memory); off for QEMU's x-pci-proxy-dev (32-bit BARs only)"),
            spec("notify_on_empty", PropertyType.BOOL, "on", "legacy-only feature; accepted, no effect"),
            spec("any_layout", PropertyType.BOOL, "on", "legacy-only feature; accepted, no effect"),
            spec("use-started", PropertyType.BOOL, "on", "accepted, no effect"),
            spec("use-disabled-flag", PropertyType.BOOL, "on", "accepted, no effect"),
            spec("iommu_platform", PropertyType.BOOL, "off", "offer VIRTIO_F_ACCESS_PLATFORM (only off)"),
            spec("packed", PropertyType.BOOL, "off", "packed virtqueues (only off)"),
            spec("disable-legacy", PropertyType.ON_OFF_AUTO, "auto", "always on: the device is modern-only"),
            spec("disable-modern", PropertyType.BOOL, "off", "always off: the device is modern-only"));

    /**
     * Parses the transport properties.
     *
     * @param properties the device's properties
     * @param queueCount the device's queue count, for the default vector count
     * @return the options
     * @throws ConfigurationException with QEMU's wording on a malformed or unsupported value
     */
    static VirtioPciOptions parse(Properties properties, int queueCount) throws ConfigurationException {
        int vectors = vectors(properties, queueCount);
        boolean indirectDesc = properties.bool("indirect_desc", true);
        boolean eventIdx = properties.bool("event_idx", true);
        boolean queueReset = properties.bool("queue_reset", true);
        boolean bar64 = properties.bool("x-bar64", true);
        properties.bool("notify_on_empty", true);
        properties.bool("any_layout", true);
        properties.bool("use-started", true);
        properties.bool("use-disabled-flag", true);
        // QEMU silently forces a modern-only device, whatever these say
        properties.onOffAuto("disable-legacy");
        properties.bool("disable-modern", false);
        if (properties.bool("iommu_platform", false)) {
            throw new ConfigurationException("iommu_platform=true is not supported by the device");
        }
        if (properties.bool("packed", false)) {
            throw new ConfigurationException("packed=on is not supported: this transport implements split virtqueues");
        }
        return new VirtioPciOptions(vectors, indirectDesc, eventIdx, queueReset, bar64);
    }

    /** The transport feature bits offered besides the device's own. */
    long transportFeatures() {
        long features = 1L << VirtioIds.F_VERSION_1;
        if (indirectDesc) {
            features |= 1L << VirtioIds.F_INDIRECT_DESC;
        }
        if (eventIdx) {
            features |= 1L << VirtioIds.F_EVENT_IDX;
        }
        if (queueReset) {
            features |= 1L << VirtioIds.F_RING_RESET;
        }
        return features;
    }

    private static int vectors(Properties properties, int queueCount) throws ConfigurationException {
        OptionalLong given = properties.uint64("vectors");
        if (given.isEmpty()) {
            return Math.min(queueCount + 1, MAX_VECTORS);
        }
        long vectors = given.getAsLong();
        if (vectors < 0 || vectors > UINT32_MAX) {
            throw new ConfigurationException("Parameter 'vectors' expects uint32_t");
        }
        if (vectors > MAX_VECTORS) {
            // QEMU keeps the device and drops MSI-X when msix_init fails
            properties.warn("unable to init msix vectors to " + vectors);
            return 0;
        }
        return (int) vectors;
    }

    private static PropertySpec spec(String name, PropertyType type, String defaultValue, String description) {
        return new PropertySpec(name, type, Optional.ofNullable(defaultValue), description);
    }
}
