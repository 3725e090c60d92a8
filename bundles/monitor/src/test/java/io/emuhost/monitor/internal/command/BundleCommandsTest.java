package io.emuhost.monitor.internal.command;

import static io.emuhost.monitor.internal.command.FakeBundles.bundle;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.FactoryBinding;
import io.emuhost.api.machine.FactoryBinding.Kind;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.ServingBundle;
import io.emuhost.api.monitor.CommandArguments;
import io.emuhost.api.monitor.MonitorCommand;
import io.emuhost.monitor.internal.ParsedArguments;
import io.emuhost.testkit.machine.FakeMachine;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code info bundles}, {@code bundle_update}, {@code bundle_stop}, {@code bundle_start}: what they
 * show, what they ask of the framework, and each refusal where a device or object would be lost,
 * with its message.
 */
class BundleCommandsTest {

    private static final String PMEM = "io.emuhost.virtio-pmem";
    private static final Path PMEM_110 = Path.of("/deploy/virtio-pmem-1.1.0.jar");
    private static final Path RNG_JAR = Path.of("/deploy/virtio-rng.jar");

    private final FakeMachine machine = new FakeMachine();
    private FakeBundles bundles;

    @BeforeEach
    void setUp() {
        bundles = new FakeBundles(Map.of(
                PMEM_110, new BundleControl.JarIdentity(PMEM, "1.1.0"),
                RNG_JAR, new BundleControl.JarIdentity("io.emuhost.virtio-rng", "1.0.0")),
                new InstalledBundle(0, "org.apache.felix.framework", "7.0.5", "active", "System Bundle", Set.of(),
                        Set.of(), false, false),
                bundle(3, "io.emuhost.memory-backend-file", "1.0.0", Set.of("memory-backend-file",
                        "memory-backend-ram"), Set.of()),
                bundle(4, "io.emuhost.virtio-transport", "1.0.0", Set.of(), Set.of()),
                bundle(5, PMEM, "1.0.0", Set.of("virtio-pmem-pci"), Set.of(4L)),
                bundle(6, "io.emuhost.qemu-remote", "1.0.0", Set.of("x-remote-object"), Set.of(3L)),
                new InstalledBundle(7, "io.emuhost.machine", "1.0.0", "active", "emuhost:bundles/machine.jar",
                        Set.of(), Set.of(3L, 5L), true, false),
                new InstalledBundle(8, "io.emuhost.monitor", "1.0.0", "active", "emuhost:bundles/monitor.jar",
                        Set.of(), Set.of(7L), false, true));
        machine.factoryBindings = List.of(
                binding(Kind.OBJECT, "pc.ram", "memory-backend-ram", 3, "1.0.0", true),
                binding(Kind.OBJECT, "mem1", "memory-backend-file", 3, "1.0.0", true),
                binding(Kind.DEVICE, "nv1", "virtio-pmem-pci", 5, "1.0.0", true));
    }

    private static FactoryBinding binding(Kind kind, String id, String type, long bundle, String version,
            boolean handsOver) {
        return new FactoryBinding(kind, Optional.of(id), type, Optional.of(new ServingBundle(bundle,
                "b" + bundle, version)), handsOver);
    }

    private static CommandArguments args(String... keysAndValues) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            values.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return new ParsedArguments(Frontend.HMP, values, Map.of());
    }

    private String run(MonitorCommand command, CommandArguments arguments) throws ConfigurationException {
        return command.formatHuman(command.execute(arguments));
    }

    private String refusal(MonitorCommand command, CommandArguments arguments) {
        return assertThrows(ConfigurationException.class, () -> command.execute(arguments)).getMessage();
    }

    @Test
    void stop_onlyFactoryOfLiveDevice_refusedNamingTheDevice() {
        assertEquals("not stopping io.emuhost.virtio-pmem 1.0.0: it would leave device 'nv1' (virtio-pmem-pci)"
                + " without a factory: no other bundle serves virtio-pmem-pci (install a newer version first, or"
                + " device_del nv1)", refusal(new BundleStopCommand(machine, bundles), args("name", PMEM)));
        assertEquals(List.of(), bundles.calls);
    }

    @Test
    void stop_transportThePmemFactoryUses_refusedNamingTheDevice() {
        String message = refusal(new BundleStopCommand(machine, bundles), args("name", "io.emuhost.virtio-transport"));

        assertEquals("not stopping io.emuhost.virtio-transport 1.0.0: it would leave device 'nv1' (virtio-pmem-pci)"
                + " without a factory: no other bundle serves virtio-pmem-pci (install a newer version first, or"
                + " device_del nv1)", message);
    }

    @Test
    void stop_whileAnotherVersionServesTheDriver_stopsAndReports() throws ConfigurationException {
        bundles.bundles.add(bundle(20, PMEM, "1.1.0", Set.of("virtio-pmem-pci"), Set.of(4L)));

        String text = run(new BundleStopCommand(machine, bundles), args("name", "5"));

        assertEquals(List.of("stop 5"), bundles.calls);
        assertEquals("stopped io.emuhost.virtio-pmem 1.0.0, active\n", text);
    }

    @Test
    void stop_backendFactory_refusedForEachObject() {
        String message = refusal(new BundleStopCommand(machine, bundles), args("name", "io.emuhost.memory-backend-file"));

        assertEquals("not stopping io.emuhost.memory-backend-file 1.0.0: it would leave object 'pc.ram'"
                + " (memory-backend-ram) without a factory: no other bundle serves memory-backend-ram (install a newer"
                + " version first, or object_del pc.ram); it would leave object 'mem1' (memory-backend-file) without a"
                + " factory: no other bundle serves memory-backend-file (install a newer version first, or object_del"
                + " mem1)", message);
    }

    @Test
    void stopAndUpdate_machineFrameworkAndThisMonitor_refused() {
        assertEquals("stopping io.emuhost.machine 1.0.0 would close the machine and object 'pc.ram'"
                + " (memory-backend-ram), object 'mem1' (memory-backend-file), device 'nv1' (virtio-pmem-pci)",
                refusal(new BundleStopCommand(machine, bundles), args("name", "io.emuhost.machine")));
        assertEquals("updating io.emuhost.machine 1.0.0 would close the machine and object 'pc.ram'"
                + " (memory-backend-ram), object 'mem1' (memory-backend-file), device 'nv1' (virtio-pmem-pci)",
                refusal(new BundleUpdateCommand(machine, bundles), args("name", "io.emuhost.machine")));
        assertEquals("bundle 0 is the OSGi framework itself; use quit to stop emuhost",
                refusal(new BundleStopCommand(machine, bundles), args("name", "0")));
        assertEquals("io.emuhost.monitor 1.0.0 runs this monitor: stopping it from here would end this session;"
                + " drop the new jar into the deploy directory instead",
                refusal(new BundleStopCommand(machine, bundles), args("name", "io.emuhost.monitor")));
        assertEquals(List.of(), bundles.calls);
    }

    @Test
    void update_handsTheDeviceOver_updatesFromTheJar() throws ConfigurationException {
        String text = run(new BundleUpdateCommand(machine, bundles), args("name", PMEM, "file", PMEM_110.toString()));

        assertEquals(List.of("update 5 " + PMEM_110), bundles.calls);
        assertEquals("updated io.emuhost.virtio-pmem 1.1.0 (was 1.0.0), active\n", text);
    }

    @Test
    void update_objectThatCannotBeHandedOver_refused() {
        machine.factoryBindings = List.of(binding(Kind.OBJECT, "r1", "x-remote-object", 6, "1.0.0", false));

        assertEquals("not updating io.emuhost.qemu-remote 1.0.0: it would close object 'r1' (x-remote-object):"
                + " x-remote-object cannot be handed over to another version",
                refusal(new BundleUpdateCommand(machine, bundles), args("name", "io.emuhost.qemu-remote")));
        assertEquals(List.of(), bundles.calls);
    }

    @Test
    void update_jarOfAnotherBundle_refused() {
        assertEquals(RNG_JAR + " is bundle io.emuhost.virtio-rng 1.0.0, not io.emuhost.virtio-pmem",
                refusal(new BundleUpdateCommand(machine, bundles), args("name", PMEM, "file", RNG_JAR.toString())));
        assertEquals(List.of(), bundles.calls);
    }

    @Test
    void names_unknownAndAmbiguous_refused() {
        bundles.bundles.add(bundle(20, PMEM, "1.1.0", Set.of("virtio-pmem-pci"), Set.of(4L)));

        assertEquals("no bundle 'io.emuhost.nothing' is installed (info bundles lists them)",
                refusal(new BundleStartCommand(machine, bundles), args("name", "io.emuhost.nothing")));
        assertEquals("several bundles are named 'io.emuhost.virtio-pmem' (1.0.0 is bundle 5, 1.1.0 is bundle 20);"
                + " give the bundle id", refusal(new BundleStartCommand(machine, bundles), args("name", PMEM)));
    }

    @Test
    void start_startsTheBundle() throws ConfigurationException {
        assertEquals("started io.emuhost.virtio-pmem 1.0.0, active\n",
                run(new BundleStartCommand(machine, bundles), args("name", PMEM)));
        assertEquals(List.of("start 5"), bundles.calls);
    }

    @Test
    void infoBundles_listsWhatEachServesAndWhatWaits() throws ConfigurationException {
        bundles.bundles.removeIf(b -> b.id() != 5 && b.id() != 3);
        machine.factoryBindings = List.of(
                binding(Kind.OBJECT, "mem1", "memory-backend-file", 3, "1.0.0", true),
                binding(Kind.DEVICE, "nv1", "virtio-pmem-pci", 5, "1.0.0", true),
                new FactoryBinding(Kind.DEVICE, Optional.of("nv2"), "virtio-pmem-pci", Optional.empty(), true));
        BundlesCommand command = new BundlesCommand(machine, bundles);
        Object value = command.execute(args());

        assertEquals("  3 active   io.emuhost.memory-backend-file       1.0.0\n"
                + "      serves object mem1 (memory-backend-file)\n"
                + "  5 active   io.emuhost.virtio-pmem               1.0.0\n"
                + "      serves device nv1 (virtio-pmem-pci)\n"
                + "waiting for a factory: device nv2 (virtio-pmem-pci)\n", command.formatHuman(value));
        assertEquals(Map.of("bundles", List.of(
                Map.of("id", 3L, "name", "io.emuhost.memory-backend-file", "version", "1.0.0", "state", "active",
                        "location", "emuhost:bundles/io.emuhost.memory-backend-file.jar", "serves", List.of(
                                Map.of("kind", "object", "id", "mem1", "type", "memory-backend-file",
                                        "version", "1.0.0"))),
                Map.of("id", 5L, "name", PMEM, "version", "1.0.0", "state", "active",
                        "location", "emuhost:bundles/io.emuhost.virtio-pmem.jar", "serves", List.of(
                                Map.of("kind", "device", "id", "nv1", "type", "virtio-pmem-pci", "version", "1.0.0")))),
                "waiting", List.of(Map.of("kind", "device", "id", "nv2", "type", "virtio-pmem-pci"))), value);
    }
}
