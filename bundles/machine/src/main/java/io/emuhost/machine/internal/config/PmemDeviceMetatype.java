package io.emuhost.machine.internal.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Metatype of {@link PmemDeviceConfiguration#PID}: the {@code virtio-pmem-pci} properties. */
@ObjectClassDefinition(name = "emuhost virtio-pmem-pci",
        description = "A virtio-pmem device on the PCI bus (like -device virtio-pmem-pci,...)")
public @interface PmemDeviceMetatype {

    /** @return the device id */
    @AttributeDefinition(name = "id", description = "Device id, needed to unplug it by deleting the configuration")
    String id();

    /** @return the backend */
    @AttributeDefinition(name = "memdev", description = "Id of the memory backend object")
    String memdev();

    /** @return the guest physical address */
    @AttributeDefinition(name = "memaddr", required = false,
            description = "Guest physical address in the device memory area (default: first free)")
    String memaddr();
}
