package io.emuhost.virtio.pmem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.api.virtio.VirtioDevice;
import io.emuhost.testkit.device.FakeTransport;
import io.emuhost.testkit.device.TestProperties;
import io.emuhost.testkit.memory.TestMemoryBackend;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtioPmemPciFactoryTest {

    private static final long SIZE_256M = 256L << 20;

    private final FakeTransport transport = new FakeTransport();
    private final VirtioPmemPciFactory factory = new VirtioPmemPciFactory(transport);
    private final TestMemoryBackend mem1 = new TestMemoryBackend("mem1", SIZE_256M);
    private final FakePlugContext context = new FakePlugContext(Optional.of("nv1"), Map.of("mem1", mem1));

    @AfterEach
    void closeBackend() {
        mem1.close();
    }

    @Test
    void properties_listOwnThenTransportProperties() {
        List<String> names = factory.properties().stream().map(PropertySpec::name).toList();

        assertEquals(List.of("memdev", "memaddr", "shmem-region", "flush-ops", "flush-ops-burst", "event_idx"), names);
    }

    @Test
    void properties_memaddrDefaultsToZeroAndShmemRegionToOff() {
        List<PropertySpec> specs = factory.properties();

        assertEquals(Optional.empty(), specs.get(0).defaultValue());
        assertEquals(Optional.of("0"), specs.get(1).defaultValue());
        assertEquals(Optional.of("off"), specs.get(2).defaultValue());
    }

    @Test
    void create_withoutMemdev_failsWithQemuWordingAndClaimsNothing() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> factory.create(TestProperties.of(), context));

        assertEquals("'memdev' property must be set", e.getMessage());
        assertEquals(List.of(), context.claimed);
    }

    @Test
    void create_unknownMemdev_passesOnTheMachinesError() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> factory.create(TestProperties.of("memdev", "nosuch"), context));

        assertEquals("Device 'nosuch' not found", e.getMessage());
        assertEquals(ConfigurationException.ErrorClass.DEVICE_NOT_FOUND, e.errorClass());
    }

    @Test
    void create_malformedMemaddr_failsBeforeClaimingTheBackend() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> factory.create(TestProperties.of("memdev", "mem1", "memaddr", "4G"), context));

        assertEquals("Parameter 'memaddr' expects integer", e.getMessage());
        assertEquals(List.of(), context.claimed);
    }

    @Test
    void create_withHint_plugsTheBackendThereAndDescribesTheMemoryDevice() throws Exception {
        Device device = factory.create(TestProperties.of("memdev", "mem1", "memaddr", "0x200000000"), context);

        assertEquals(List.of("mem1@200000000:virtio-pmem"), context.plugged);
        assertEquals("virtio-pmem-pci", device.driver());
        assertEquals(transport.function().identity(), device.pciFunction().identity());
        assertEquals(Optional.of(new MemoryDeviceInfo("virtio-pmem", Optional.of("nv1"), 0x2_0000_0000L,
                SIZE_256M, "/objects/mem1")), device.memoryDevice());
    }

    @Test
    void create_qomProperties_areTheValuesQomGetReturnsInListOrder() throws Exception {
        Device device = factory.create(TestProperties.of("memdev", "mem1", "memaddr", "0x200000000",
                "event_idx", "off"), context);

        assertEquals(List.of("memdev", "memaddr", "shmem-region", "flush-ops", "flush-ops-burst", "event_idx"),
                List.copyOf(device.qomProperties().keySet()));
        assertEquals(Map.of("memdev", "/objects/mem1", "memaddr", 0x2_0000_0000L, "shmem-region", false,
                "flush-ops", 0L, "flush-ops-burst", 0L, "event_idx", false), device.qomProperties());
    }

    @Test
    void flushLimit_givenAtCreation_changesAtRunTime_andQomGetShowsIt() throws Exception {
        Device device = factory.create(TestProperties.of("memdev", "mem1", "flush-ops", "20", "flush-ops-burst", "5"),
                context);
        assertEquals(java.util.Set.of("flush-ops", "flush-ops-burst"), device.mutableProperties());
        assertEquals(20L, device.qomProperties().get("flush-ops"));
        assertEquals(5L, device.qomProperties().get("flush-ops-burst"));

        device.setProperties(TestProperties.of("flush-ops", "100"));

        assertEquals(100L, device.qomProperties().get("flush-ops"));
        assertEquals(5L, device.qomProperties().get("flush-ops-burst"));
        assertEquals("Parameter 'flush-ops' expects uint32_t", assertThrows(ConfigurationException.class,
                () -> device.setProperties(TestProperties.of("flush-ops", "-1"))).getMessage());
        assertEquals(100L, device.qomProperties().get("flush-ops"));
    }

    @Test
    void flushLimit_badValueAtCreation_failsNamingTheProperty() {
        assertEquals("Parameter 'flush-ops-burst' expects integer", assertThrows(ConfigurationException.class,
                () -> factory.create(TestProperties.of("memdev", "mem1", "flush-ops-burst", "lots"), context))
                .getMessage());
    }

    @Test
    void create_listsTheDeviceUntilItIsClosed() throws Exception {
        Device device = factory.create(TestProperties.of("memdev", "mem1"), context);

        List<LivePmemDevices.Entry> listed = factory.liveDevices().entries();
        device.close();

        assertEquals(1, listed.size());
        assertEquals(Optional.of("nv1"), listed.get(0).id());
        assertEquals("mem1", listed.get(0).memdev());
        assertSame(((VirtioPmemPciDevice) device).virtioDevice().statistics(), listed.get(0).statistics());
        assertEquals(List.of(), factory.liveDevices().entries());
    }

    @Test
    void suspendThenRestoreIntoAnotherFactory_movesTheListingAndKeepsTheCounters() throws Exception {
        VirtioPmemPciDevice device = (VirtioPmemPciDevice) factory.create(TestProperties.of("memdev", "mem1"), context);
        device.virtioDevice().statistics().requestCompleted(1_000, false);
        device.virtioDevice().statistics().fsync();

        DeviceState state = device.suspend().orElseThrow();
        VirtioPmemPciFactory next = new VirtioPmemPciFactory(new FakeTransport());
        VirtioPmemPciDevice restored = (VirtioPmemPciDevice) next.restore(TestProperties.of("memdev", "mem1"),
                context, state);

        assertEquals("virtio-pmem-pci", state.driver());
        assertTrue(factory.liveDevices().entries().isEmpty(), "the suspended device is still listed");
        assertEquals(1, next.liveDevices().entries().size());
        assertEquals(1, restored.virtioDevice().statistics().requests());
        assertEquals(1, restored.virtioDevice().statistics().fsyncs());
        assertEquals(device.memoryDevice(), restored.memoryDevice());
    }

    @Test
    void restore_stateOfAnotherDriver_isIncompatibleAndClaimsNothing() {
        DeviceState rng = DeviceState.builder("virtio-rng-pci").build();

        StateException e = assertThrows(StateException.Incompatible.class,
                () -> factory.restore(TestProperties.of("memdev", "mem1"), context, rng));
        assertEquals("saved state does not fit this device: state of virtio-rng-pci, not virtio-pmem-pci",
                e.getMessage());
        assertEquals(List.of(), factory.liveDevices().entries());
    }

    @Test
    void create_wrapsAPmemDeviceWhoseConfigShowsThePlacedRange() throws Exception {
        factory.create(TestProperties.of("memdev", "mem1"), context);
        VirtioDevice wrapped = transport.wrapped();

        assertEquals(27, wrapped.deviceId());
        assertEquals(FakePlugContext.DEVICE_MEMORY_BASE, wrapped.readConfig(0, 8));
        assertEquals(SIZE_256M, wrapped.readConfig(8, 8));
        assertEquals(0L, wrapped.deviceFeatures());
    }

    @Test
    void create_shmemRegionOn_offersTheFeatureAndRegionZero() throws Exception {
        factory.create(TestProperties.of("memdev", "mem1", "shmem-region", "on"), context);
        VirtioDevice wrapped = transport.wrapped();

        assertEquals(1L, wrapped.deviceFeatures());
        assertEquals(1, wrapped.sharedMemoryRegions().size());
        assertEquals(0, wrapped.sharedMemoryRegions().get(0).id());
    }
}
