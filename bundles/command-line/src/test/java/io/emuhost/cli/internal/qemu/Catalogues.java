package io.emuhost.cli.internal.qemu;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.PlugContext;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import io.emuhost.api.machine.FactoryCatalogue;
import io.emuhost.testkit.machine.FakeFactories;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The devices emuhost serves in these tests: virtio-pmem-pci and virtio-rng-pci as the real ones list their properties, and a vendor's device. */
final class Catalogues {

    private Catalogues() {
    }

    static FactoryCatalogue emuhost() {
        PropertySpec vectors = new PropertySpec("vectors", PropertyType.UINT32, Optional.of("2"), "");
        PropertySpec bar64 = new PropertySpec("x-bar64", PropertyType.BOOL, Optional.of("on"), "");
        return FakeFactories.of(Map.of(), Map.of(
                "virtio-pmem-pci", device(List.of(new PropertySpec("memdev", PropertyType.LINK, Optional.empty(), ""),
                        new PropertySpec("memaddr", PropertyType.UINT64, Optional.of("0"), ""),
                        new PropertySpec("shmem-region", PropertyType.BOOL, Optional.of("off"), ""), vectors, bar64)),
                "virtio-rng-pci", device(List.of(vectors, bar64)),
                "acme-widget", device(List.of())));
    }

    private static DeviceFactory device(List<PropertySpec> specs) {
        return new DeviceFactory() {
            @Override
            public List<PropertySpec> properties() {
                return specs;
            }

            @Override
            public String description() {
                return "";
            }

            @Override
            public Device create(Properties properties, PlugContext context) throws ConfigurationException {
                throw new ConfigurationException("not in this test");
            }
        };
    }
}
