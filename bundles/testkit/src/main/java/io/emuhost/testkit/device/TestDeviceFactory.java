package io.emuhost.testkit.device;

import io.emuhost.api.bus.MmioBar;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.device.PlugContext;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import io.emuhost.api.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A virtio-pmem-like driver for machine tests: optional {@code memdev} (claimed and plugged as a
 * {@code virtio-pmem} memory device at {@code memaddr}), {@code fail=on} to fail after taking
 * everything, and a PCI function from a supplier (default: virtio-pmem's identity with a 16 KiB
 * 64-bit prefetchable BAR4 and capabilities at 0x84).
 */
public final class TestDeviceFactory implements DeviceFactory {

    /** The driver name. */
    public static final String DRIVER = "test-pmem-pci";

    private final Supplier<TestPciFunction> functions;
    private final List<TestDevice> created = new ArrayList<>();

    /** Creates the factory with the default function. */
    public TestDeviceFactory() {
        this(() -> new TestPciFunction(TestPciFunction.VIRTIO_PMEM,
                List.of(new MmioBar(4, 0x4000, true, true, new RecordingHandler())), 0x84));
    }

    /**
     * Creates the factory.
     *
     * @param functions makes each device's function
     */
    public TestDeviceFactory(Supplier<TestPciFunction> functions) {
        this.functions = functions;
    }

    @Override
    public List<PropertySpec> properties() {
        return List.of(
                new PropertySpec("memdev", PropertyType.LINK, Optional.empty(), "memdev"),
                new PropertySpec("memaddr", PropertyType.UINT64, Optional.of("0"), "memaddr"),
                new PropertySpec("fail", PropertyType.BOOL, Optional.of("off"), "fail after plugging"));
    }

    @Override
    public String description() {
        return "test device";
    }

    @Override
    public Device create(Properties properties, PlugContext context) throws ConfigurationException {
        Optional<MemoryDeviceInfo> memoryDevice = Optional.empty();
        Optional<String> memdev = properties.optionalString("memdev");
        if (memdev.isPresent()) {
            MemoryBackend backend = context.claimBackend(memdev.get());
            long address = context.plugMemory(backend, properties.uint64("memaddr").orElse(0), "virtio-pmem");
            memoryDevice = Optional.of(new MemoryDeviceInfo("virtio-pmem", context.deviceId(), address,
                    backend.size(), "/objects/" + backend.id()));
        }
        if (properties.bool("fail", false)) {
            throw new ConfigurationException("test device failed on purpose");
        }
        TestDevice device = new TestDevice(DRIVER, functions.get(), memoryDevice);
        created.add(device);
        return device;
    }

    /** @return the devices made so far */
    public List<TestDevice> created() {
        return created;
    }
}
