package io.emuhost.machine.internal.cli;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.PlugContext;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.UserObject;
import io.emuhost.machine.internal.Factories;
import io.emuhost.machine.internal.StaticFactories;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Factories that only describe themselves, for help output. */
public final class FakeFactories {

    private FakeFactories() {
    }

    /**
     * memory-backend-file (mem-path, share, size) and memory-backend-ram (no properties);
     * virtio-pmem-pci (memdev, memaddr) with a description.
     *
     * @return the factories
     */
    public static Factories standard() {
        ObjectFactory file = objectFactory(List.of(
                new PropertySpec("size", PropertyType.SIZE, Optional.empty(), "Size of the memory region (ex: 500M)"),
                new PropertySpec("share", PropertyType.BOOL, Optional.of("off"),
                        "Mark the memory as private to QEMU or shared"),
                new PropertySpec("mem-path", PropertyType.STRING, Optional.empty(), "")));
        DeviceFactory pmem = deviceFactory("virtio persistent memory", List.of(
                new PropertySpec("memdev", PropertyType.LINK, Optional.empty(), ""),
                new PropertySpec("memaddr", PropertyType.UINT64, Optional.of("0"), "")));
        return new StaticFactories(Map.of("memory-backend-file", file, "memory-backend-ram", objectFactory(List.of())),
                Map.of("virtio-pmem-pci", pmem));
    }

    static ObjectFactory objectFactory(List<PropertySpec> specs) {
        return new ObjectFactory() {
            @Override
            public List<PropertySpec> properties() {
                return specs;
            }

            @Override
            public UserObject create(String id, Properties properties) throws ConfigurationException {
                throw new ConfigurationException("not in this test");
            }
        };
    }

    static DeviceFactory deviceFactory(String description, List<PropertySpec> specs) {
        return new DeviceFactory() {
            @Override
            public List<PropertySpec> properties() {
                return specs;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public Device create(Properties properties, PlugContext context) throws ConfigurationException {
                throw new ConfigurationException("not in this test");
            }
        };
    }
}
