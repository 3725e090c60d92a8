package io.emuhost.machine.internal.config;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Metatype of {@link DeviceConfiguration#PID}: the keys every device has. The driver's own
 * properties ({@code memdev=} for virtio-pmem-pci, ...) are the driver's: {@code -device
 * DRIVER,help} lists them, and the machine checks them as it checks {@code -device}'s.
 */
@ObjectClassDefinition(name = "emuhost device",
        description = "A device plugged like -device DRIVER,...; the other keys are the driver's properties")
public @interface DeviceMetatype {

    /** @return the driver */
    @AttributeDefinition(name = "driver", description = "Device driver, e.g. virtio-pmem-pci (-device help lists them)")
    String driver();

    /** @return the device id */
    @AttributeDefinition(name = "id", required = false,
            description = "Device id, needed to unplug it by deleting the configuration")
    String id();
}
