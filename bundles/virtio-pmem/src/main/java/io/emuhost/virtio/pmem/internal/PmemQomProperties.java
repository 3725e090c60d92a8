package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code virtio-pmem-pci} device's property values as QEMU's {@code qom-get} returns them, in
 * the order of {@link VirtioPmemPciFactory#properties()}: the device's own, then the transport's
 * boolean properties as given (QEMU aliases the virtio device's properties onto the proxy).
 * Transport properties of other types (e.g. {@code vectors}) have no value here.
 */
final class PmemQomProperties {

    private PmemQomProperties() {
    }

    /**
     * The values.
     *
     * @param memdev the backend's path, {@code /objects/<id>}
     * @param memaddr the assigned guest physical address
     * @param shmemRegion whether VIRTIO_PMEM_F_SHMEM_REGION is offered
     * @param transportSpecs the transport's properties
     * @param properties the device's properties, already accepted by the transport
     * @return name to value
     * @throws ConfigurationException if a transport property is malformed (the transport checked them)
     */
    static Map<String, Object> of(String memdev, long memaddr, boolean shmemRegion, List<PropertySpec> transportSpecs,
            Properties properties) throws ConfigurationException {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(VirtioPmemPciFactory.MEMDEV, memdev);
        values.put(VirtioPmemPciFactory.MEMADDR, memaddr);
        values.put(VirtioPmemPciFactory.SHMEM_REGION, shmemRegion);
        // the device's live values replace these (VirtioPmemPciDevice.qomProperties)
        values.put(FlushLimit.OPS, 0L);
        values.put(FlushLimit.BURST, 0L);
        for (PropertySpec spec : transportSpecs) {
            switch (spec.name()) {
                // reference §2.1: virtio-pmem-pci is modern-only, whatever these say
                case "disable-legacy" -> values.put(spec.name(), "on");
                case "disable-modern" -> values.put(spec.name(), false);
                default -> {
                    if (spec.type() == PropertyType.BOOL) {
                        boolean byDefault = spec.defaultValue().filter("on"::equals).isPresent();
                        values.put(spec.name(), properties.bool(spec.name(), byDefault));
                    }
                }
            }
        }
        return Collections.unmodifiableMap(values);
    }
}
