package io.emuhost.machine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.machine.Frontend;
import io.emuhost.testkit.machine.FakeMachine.Call;
import io.emuhost.testkit.machine.FakeMachine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigurationComponentsTest {

    private static final int REASON_REFERENCE = 2;
    private static final int REASON_BUNDLE_STOPPED = 6;

    private final FakeMachine machine = new FakeMachine();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream diagnostics = new PrintStream(err, true, StandardCharsets.UTF_8);

    private static Map<String, Object> fileInstallConfiguration(String... keyValues) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("service.pid", "io.emuhost.object.6d0c");
        configuration.put("service.factoryPid", "io.emuhost.object");
        configuration.put("felix.fileinstall.filename", "file:/x/deploy/io.emuhost.object-mem1.cfg");
        configuration.put("component.name", "io.emuhost.machine.internal.config.ObjectConfiguration");
        configuration.put("component.id", 7L);
        configuration.put("osgi.ds.satisfying.condition.target", "(osgi.condition.id=true)");
        for (int i = 0; i < keyValues.length; i += 2) {
            configuration.put(keyValues[i], keyValues[i + 1]);
        }
        return configuration;
    }

    @Test
    void backend_activation_addsObjectWithOnlyTheUsersKeysAsConfiguration() {
        new ObjectConfiguration(machine, fileInstallConfiguration("qom-type", "memory-backend-file", "id", "mem1", "mem-path", "/tmp/x.img",
                "size", "64M", "share", "on"), diagnostics);

        assertEquals(List.of(new Call("object", "memory-backend-file",
                Map.of("id", "mem1", "mem-path", "/tmp/x.img", "size", "64M", "share", "on"), Frontend.CONFIGURATION)),
                machine.calls);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void backend_configurationDeleted_deletesTheObject() {
        ObjectConfiguration component = new ObjectConfiguration(machine,
                fileInstallConfiguration("qom-type", "memory-backend-file", "id", "mem1"), diagnostics);

        component.deactivate(ConfiguredEntry.REASON_CONFIGURATION_DELETED);

        assertEquals(new Call("object_del", "mem1", Map.of(), Frontend.QMP), machine.calls.get(1));
    }

    @Test
    void backend_machineOrBundleGoingAway_leavesTheObjectToTheMachine() {
        ObjectConfiguration component = new ObjectConfiguration(machine,
                fileInstallConfiguration("qom-type", "memory-backend-file", "id", "mem1"), diagnostics);

        component.deactivate(REASON_REFERENCE);
        component.deactivate(REASON_BUNDLE_STOPPED);

        assertEquals(1, machine.calls.size());
    }

    @Test
    void backend_badConfiguration_reportsWithPidAndDeletesNothingLater() {
        machine.failing("memory-backend-file", "Parameter 'size' expects a size value");

        ObjectConfiguration component = new ObjectConfiguration(machine,
                fileInstallConfiguration("qom-type", "memory-backend-file", "id", "mem2", "size", "4KB"), diagnostics);
        component.deactivate(ConfiguredEntry.REASON_CONFIGURATION_DELETED);

        assertEquals("emuhost: io.emuhost.object: Parameter 'size' expects a size value\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals(1, machine.calls.size());
    }

    @Test
    void device_activationAndModification_plugsThenUnplugsById() {
        DeviceConfiguration component = new DeviceConfiguration(machine,
                Map.of("driver", "virtio-pmem-pci", "id", "nv1", "memdev", "mem1", "service.pid", "p"), diagnostics);

        component.deactivate(ConfiguredEntry.REASON_CONFIGURATION_MODIFIED);

        assertEquals(List.of(
                new Call("device", "virtio-pmem-pci", Map.of("id", "nv1", "memdev", "mem1"), Frontend.CONFIGURATION),
                new Call("device_del", "nv1", Map.of(), Frontend.QMP)), machine.calls);
    }

    /** A plugged device whose flush-ops can change while it runs, as virtio-pmem-pci's. */
    private void pluggedWithMutableFlushOps(String id) {
        machine.devices.put(id, new Device() {
            @Override
            public String driver() {
                return "virtio-pmem-pci";
            }

            @Override
            public PciFunction pciFunction() {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<MemoryDeviceInfo> memoryDevice() {
                return Optional.empty();
            }

            @Override
            public Set<String> mutableProperties() {
                return Set.of("flush-ops", "flush-ops-burst");
            }

            @Override
            public void close() {
            }
        });
    }

    @Test
    void device_updateOfChangeableProperties_setsThemInPlace_withoutReplugging() {
        DeviceConfiguration component = new DeviceConfiguration(machine,
                Map.of("driver", "virtio-pmem-pci", "id", "nv1", "memdev", "mem1", "flush-ops", "20"), diagnostics);
        pluggedWithMutableFlushOps("nv1");

        component.modified(Map.of("driver", "virtio-pmem-pci", "id", "nv1", "memdev", "mem1", "flush-ops", "100",
                "flush-ops-burst", "4", "service.pid", "p"));
        component.modified(Map.of("driver", "virtio-pmem-pci", "id", "nv1", "memdev", "mem1", "flush-ops", "100",
                "flush-ops-burst", "4", "service.pid", "p2"));

        assertEquals(List.of(
                new Call("device", "virtio-pmem-pci", Map.of("id", "nv1", "memdev", "mem1", "flush-ops", "20"),
                        Frontend.CONFIGURATION),
                new Call("device_set", "nv1", Map.of("flush-ops", "100", "flush-ops-burst", "4"),
                        Frontend.CONFIGURATION)), machine.calls);
    }

    @Test
    void device_updateWithABadValue_isReported_andChangesNothing() {
        DeviceConfiguration component = new DeviceConfiguration(machine,
                Map.of("driver", "virtio-pmem-pci", "id", "nv1", "memdev", "mem1"), diagnostics);
        pluggedWithMutableFlushOps("nv1");
        machine.failing("nv1", "Parameter 'flush-ops' expects integer");

        component.modified(Map.of("driver", "virtio-pmem-pci", "id", "nv1", "memdev", "mem1", "flush-ops", "x"));

        assertEquals("emuhost: io.emuhost.device: Parameter 'flush-ops' expects integer\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals(2, machine.calls.size());
    }

    @Test
    void device_updateOfAFixedProperty_replugs() {
        DeviceConfiguration component = new DeviceConfiguration(machine,
                Map.of("driver", "virtio-pmem-pci", "id", "nv1", "memdev", "mem1", "flush-ops", "20"), diagnostics);
        pluggedWithMutableFlushOps("nv1");

        component.modified(Map.of("driver", "virtio-pmem-pci", "id", "nv1", "memdev", "mem2", "flush-ops", "100"));

        assertEquals(List.of(
                new Call("device", "virtio-pmem-pci", Map.of("id", "nv1", "memdev", "mem1", "flush-ops", "20"),
                        Frontend.CONFIGURATION),
                new Call("device_del", "nv1", Map.of(), Frontend.QMP),
                new Call("device", "virtio-pmem-pci", Map.of("id", "nv1", "memdev", "mem2", "flush-ops", "100"),
                        Frontend.CONFIGURATION)), machine.calls);
    }

    @Test
    void device_updateRemovingAChangeableProperty_replugsWithItsDefault() {
        DeviceConfiguration component = new DeviceConfiguration(machine,
                Map.of("driver", "virtio-pmem-pci", "id", "nv1", "memdev", "mem1", "flush-ops", "20"), diagnostics);
        pluggedWithMutableFlushOps("nv1");

        component.modified(Map.of("driver", "virtio-pmem-pci", "id", "nv1", "memdev", "mem1"));

        assertEquals("device_del", machine.calls.get(1).kind());
        assertEquals(3, machine.calls.size());
    }

    @Test
    void device_deletionFailure_isReportedNotThrown() {
        DeviceConfiguration component = new DeviceConfiguration(machine,
                Map.of("driver", "virtio-pmem-pci", "id", "nv1", "memdev", "mem1"), diagnostics);
        machine.failing("nv1", "Device 'nv1' not found");

        component.deactivate(ConfiguredEntry.REASON_CONFIGURATION_DELETED);

        assertEquals("emuhost: io.emuhost.device: Device 'nv1' not found\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void device_withoutId_hasNothingToUnplug() {
        DeviceConfiguration component = new DeviceConfiguration(machine,
                Map.of("driver", "virtio-pmem-pci", "memdev", "mem1"), diagnostics);

        component.deactivate(ConfiguredEntry.REASON_CONFIGURATION_DELETED);

        assertEquals(1, machine.calls.size());
    }

    @Test
    void object_anyType_isCreatedByTheTypeItNames() {
        new ObjectConfiguration(machine, fileInstallConfiguration("qom-type", "memory-backend-ram", "id", "r",
                "size", "1M"), diagnostics);

        assertEquals(List.of(new Call("object", "memory-backend-ram", Map.of("id", "r", "size", "1M"),
                Frontend.CONFIGURATION)), machine.calls);
    }

    @Test
    void object_withoutType_isReportedInQemusWordsAndCreatesNothing() {
        new ObjectConfiguration(machine, fileInstallConfiguration("id", "mem1"), diagnostics);

        assertEquals("emuhost: io.emuhost.object: Parameter 'qom-type' is missing\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), machine.calls);
    }

    @Test
    void device_anyDriver_isPluggedByTheDriverItNames() {
        new DeviceConfiguration(machine, Map.of("driver", "virtio-rng-pci", "id", "rng0"), diagnostics);

        assertEquals(List.of(new Call("device", "virtio-rng-pci", Map.of("id", "rng0"), Frontend.CONFIGURATION)),
                machine.calls);
    }

    @Test
    void device_typedDriverThatIsNotAString_isReported() {
        new DeviceConfiguration(machine, Map.of("driver", 7L, "id", "x"), diagnostics);

        assertEquals("emuhost: io.emuhost.device: Invalid parameter type for 'driver', expected: string\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), machine.calls);
    }
}
