package io.emuhost.testkit.machine;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.PlugContext;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.UserObject;
import io.emuhost.api.machine.FactoryCatalogue;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

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
    public static FactoryCatalogue standard() {
        ObjectFactory file = objectFactory(List.of(
                new PropertySpec("size", PropertyType.SIZE, Optional.empty(), "Size of the memory region (ex: 500M)"),
                new PropertySpec("share", PropertyType.BOOL, Optional.of("off"),
                        "Mark the memory as private to QEMU or shared"),
                new PropertySpec("mem-path", PropertyType.STRING, Optional.empty(), "")));
        DeviceFactory pmem = deviceFactory("virtio persistent memory", List.of(
                new PropertySpec("memdev", PropertyType.LINK, Optional.empty(), ""),
                new PropertySpec("memaddr", PropertyType.UINT64, Optional.of("0"), "")));
        return of(Map.of("memory-backend-file", file, "memory-backend-ram", objectFactory(List.of())),
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

    /**
     * A catalogue of fixed factories.
     *
     * @param objects object factories by QOM type
     * @param devices device factories by driver
     * @return the catalogue
     */
    public static FactoryCatalogue of(Map<String, ObjectFactory> objects, Map<String, DeviceFactory> devices) {
        Map<String, ObjectFactory> fixedObjects = Map.copyOf(objects);
        Map<String, DeviceFactory> fixedDevices = Map.copyOf(devices);
        return new FactoryCatalogue() {
            @Override
            public Optional<ObjectFactory> objectFactory(String type) {
                return Optional.ofNullable(fixedObjects.get(type));
            }

            @Override
            public Optional<DeviceFactory> deviceFactory(String driver) {
                return Optional.ofNullable(fixedDevices.get(driver));
            }

            @Override
            public SortedSet<String> objectTypes() {
                return Collections.unmodifiableSortedSet(new TreeSet<>(fixedObjects.keySet()));
            }

            @Override
            public SortedSet<String> deviceDrivers() {
                return Collections.unmodifiableSortedSet(new TreeSet<>(fixedDevices.keySet()));
            }
        };
    }
}
