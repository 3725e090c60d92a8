package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.device.PlugContext;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.api.virtio.VirtioTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Creates {@code virtio-pmem-pci} devices ({@code -device virtio-pmem-pci,memdev=ID[,memaddr=ADDR]}):
 * claims the backend, places it in the device-memory area and wraps the PMEM device with the
 * virtio-pci transport. It also restores devices another version of this bundle handed over.
 */
@Component(service = DeviceFactory.class, property = DeviceFactory.DRIVER + "=" + VirtioPmemPciFactory.DRIVER)
public final class VirtioPmemPciFactory implements DeviceFactory {

    /** The driver name. */
    public static final String DRIVER = "virtio-pmem-pci";
    /** The memory-device kind the monitor shows. */
    static final String MEMORY_DEVICE_TYPE = "virtio-pmem";

    static final String MEMDEV = "memdev";
    static final String MEMADDR = "memaddr";
    static final String SHMEM_REGION = "shmem-region";

    private static final List<PropertySpec> OWN_PROPERTIES = List.of(
            new PropertySpec(MEMDEV, PropertyType.LINK, Optional.empty(),
                    "the memory backend (link<memory-backend>)"),
            new PropertySpec(MEMADDR, PropertyType.UINT64, Optional.of("0"),
                    "guest physical address of the memory (0 = automatic)"),
            new PropertySpec(SHMEM_REGION, PropertyType.BOOL, Optional.of("off"),
                    "offer VIRTIO_PMEM_F_SHMEM_REGION: the memory as shared memory region 0"),
            new PropertySpec(FlushLimit.OPS, PropertyType.UINT32, Optional.of("0"),
                    "FLUSH rate limit: fsyncs per second, one per group-commit batch (0 = unlimited; qom-set changes it)"),
            new PropertySpec(FlushLimit.BURST, PropertyType.UINT32, Optional.of("0"),
                    "FLUSH rate limit: bucket size in fsyncs (0 = flush-ops, one second's worth)"));

    private final VirtioTransport transport;
    private final LivePmemDevices live;

    /**
     * Creates a factory whose devices are listed nowhere but in their own list.
     *
     * @param transport the virtio-pci transport
     */
    public VirtioPmemPciFactory(VirtioTransport transport) {
        this(transport, new LivePmemDevices());
    }

    /**
     * Creates the factory.
     *
     * @param transport the virtio-pci transport
     * @param live where the devices are listed while they exist ({@code info virtio-pmem})
     */
    @Activate
    public VirtioPmemPciFactory(
            @Reference(name = "transport", target = "(" + VirtioTransport.KIND + "=pci)") VirtioTransport transport,
            @Reference(name = "live") LivePmemDevices live) {
        this.transport = transport;
        this.live = live;
    }

    /**
     * The devices this factory created that are not closed yet.
     *
     * @return the list
     */
    public LivePmemDevices liveDevices() {
        return live;
    }

    @Override
    public List<PropertySpec> properties() {
        List<PropertySpec> all = new ArrayList<>(OWN_PROPERTIES);
        all.addAll(transport.properties());
        return List.copyOf(all);
    }

    @Override
    public String description() {
        return "virtio persistent memory: a memory backend in guest physical memory, made durable by virtio flush";
    }

    @Override
    public Device create(Properties properties, PlugContext context) throws ConfigurationException {
        Plugged plugged = plug(properties, context);
        return device(plugged, transport.wrap(plugged.device(), properties), properties, context);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The context still holds the backend and its range, so the device lands at the same
     * address; the transport continues its queues from the state.
     */
    @Override
    public Device restore(Properties properties, PlugContext context, DeviceState state)
            throws ConfigurationException, StateException {
        if (!DRIVER.equals(state.driver())) {
            throw new StateException.Incompatible("state of " + state.driver() + ", not " + DRIVER);
        }
        Plugged plugged = plug(properties, context);
        plugged.device().restoreState(state);
        return device(plugged, transport.restore(plugged.device(), properties, state), properties, context);
    }

    /** The backend, claimed and placed, and the device over it. */
    private record Plugged(MemoryBackend backend, long memaddr, boolean shmemRegion, VirtioPmemDevice device) {
    }

    /** The properties a running device changes ({@code qom-set}, a configuration update). */
    static final Set<String> MUTABLE = Set.of(FlushLimit.OPS, FlushLimit.BURST);

    private static Plugged plug(Properties properties, PlugContext context) throws ConfigurationException {
        String memdev = properties.optionalString(MEMDEV)
                .orElseThrow(() -> new ConfigurationException("'memdev' property must be set"));
        long addressHint = properties.uint64(MEMADDR).orElse(0);
        boolean shmemRegion = properties.bool(SHMEM_REGION, false);
        FlushLimit limit = FlushLimit.from(properties, FlushLimit.UNLIMITED);
        MemoryBackend backend = context.claimBackend(memdev);
        long memaddr = context.plugMemory(backend, addressHint, MEMORY_DEVICE_TYPE);
        return new Plugged(backend, memaddr, shmemRegion, new VirtioPmemDevice(backend, memaddr, shmemRegion, limit));
    }

    private Device device(Plugged plugged, PciFunction function, Properties properties, PlugContext context)
            throws ConfigurationException {
        String memdevPath = "/objects/" + plugged.backend().id();
        return new VirtioPmemPciDevice(transport, function, plugged.device(), new MemoryDeviceInfo(
                MEMORY_DEVICE_TYPE, context.deviceId(), plugged.memaddr(), plugged.backend().size(), memdevPath),
                plugged.backend().id(), PmemQomProperties.of(memdevPath, plugged.memaddr(), plugged.shmemRegion(),
                        transport.properties(), properties), live);
    }
}
