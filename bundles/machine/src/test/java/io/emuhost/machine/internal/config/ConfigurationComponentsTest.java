package io.emuhost.machine.internal.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuhost.api.machine.Frontend;
import io.emuhost.machine.internal.cli.FakeMachine;
import io.emuhost.machine.internal.cli.FakeMachine.Call;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigurationComponentsTest {

    private static final int REASON_REFERENCE = 2;
    private static final int REASON_BUNDLE_STOPPED = 6;

    private final FakeMachine machine = new FakeMachine();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final PrintStream diagnostics = new PrintStream(err, true, StandardCharsets.UTF_8);

    private static Map<String, Object> fileInstallConfiguration(String... keyValues) {
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("service.pid", "io.emuhost.backend.file.6d0c");
        configuration.put("service.factoryPid", "io.emuhost.backend.file");
        configuration.put("felix.fileinstall.filename", "file:/x/deploy/io.emuhost.backend.file-mem1.cfg");
        configuration.put("component.name", "io.emuhost.machine.internal.config.FileBackendConfiguration");
        configuration.put("component.id", 7L);
        configuration.put("osgi.ds.satisfying.condition.target", "(osgi.condition.id=true)");
        for (int i = 0; i < keyValues.length; i += 2) {
            configuration.put(keyValues[i], keyValues[i + 1]);
        }
        return configuration;
    }

    @Test
    void backend_activation_addsObjectWithOnlyTheUsersKeysAsConfiguration() {
        new FileBackendConfiguration(machine, fileInstallConfiguration("id", "mem1", "mem-path", "/tmp/x.img",
                "size", "64M", "share", "on"), diagnostics);

        assertEquals(List.of(new Call("object", "memory-backend-file",
                Map.of("id", "mem1", "mem-path", "/tmp/x.img", "size", "64M", "share", "on"), Frontend.CONFIGURATION)),
                machine.calls);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void backend_configurationDeleted_deletesTheObject() {
        FileBackendConfiguration component = new FileBackendConfiguration(machine,
                fileInstallConfiguration("id", "mem1"), diagnostics);

        component.deactivate(ConfiguredEntry.REASON_CONFIGURATION_DELETED);

        assertEquals(new Call("object_del", "mem1", Map.of(), Frontend.QMP), machine.calls.get(1));
    }

    @Test
    void backend_machineOrBundleGoingAway_leavesTheObjectToTheMachine() {
        FileBackendConfiguration component = new FileBackendConfiguration(machine,
                fileInstallConfiguration("id", "mem1"), diagnostics);

        component.deactivate(REASON_REFERENCE);
        component.deactivate(REASON_BUNDLE_STOPPED);

        assertEquals(1, machine.calls.size());
    }

    @Test
    void backend_badConfiguration_reportsWithPidAndDeletesNothingLater() {
        machine.failing("memory-backend-file", "Parameter 'size' expects a size value");

        FileBackendConfiguration component = new FileBackendConfiguration(machine,
                fileInstallConfiguration("id", "mem2", "size", "4KB"), diagnostics);
        component.deactivate(ConfiguredEntry.REASON_CONFIGURATION_DELETED);

        assertEquals("emuhost: io.emuhost.backend.file: Parameter 'size' expects a size value\n",
                err.toString(StandardCharsets.UTF_8));
        assertEquals(1, machine.calls.size());
    }

    @Test
    void device_activationAndModification_plugsThenUnplugsById() {
        PmemDeviceConfiguration component = new PmemDeviceConfiguration(machine,
                Map.of("id", "nv1", "memdev", "mem1", "service.pid", "p"), diagnostics);

        component.deactivate(ConfiguredEntry.REASON_CONFIGURATION_MODIFIED);

        assertEquals(List.of(
                new Call("device", "virtio-pmem-pci", Map.of("id", "nv1", "memdev", "mem1"), Frontend.CONFIGURATION),
                new Call("device_del", "nv1", Map.of(), Frontend.QMP)), machine.calls);
    }

    @Test
    void device_deletionFailure_isReportedNotThrown() {
        PmemDeviceConfiguration component = new PmemDeviceConfiguration(machine,
                Map.of("id", "nv1", "memdev", "mem1"), diagnostics);
        machine.failing("nv1", "Device 'nv1' not found");

        component.deactivate(ConfiguredEntry.REASON_CONFIGURATION_DELETED);

        assertEquals("emuhost: io.emuhost.device.virtio.pmem.pci: Device 'nv1' not found\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void device_withoutId_hasNothingToUnplug() {
        PmemDeviceConfiguration component = new PmemDeviceConfiguration(machine, Map.of("memdev", "mem1"), diagnostics);

        component.deactivate(ConfiguredEntry.REASON_CONFIGURATION_DELETED);

        assertEquals(1, machine.calls.size());
    }
}
