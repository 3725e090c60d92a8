package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.virtio.VirtioTransport;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code virtio-pmem-pci} device: the PMEM device wrapped by the PCI transport, listed in
 * {@link LivePmemDevices} from creation until {@link #close()} or {@link #suspend()}.
 */
public final class VirtioPmemPciDevice implements Device {

    private final VirtioTransport transport;
    private final PciFunction function;
    private final VirtioPmemDevice device;
    private final MemoryDeviceInfo memoryDevice;
    private final Map<String, Object> qomProperties;
    private final LivePmemDevices live;
    private final LivePmemDevices.Entry entry;

    /**
     * Creates the device and lists it.
     *
     * @param transport the transport that made {@code function}
     * @param function the PCI function the transport made of {@code device}
     * @param device the PMEM device
     * @param memoryDevice what the monitor shows of the device's memory
     * @param memdev the backend's object id
     * @param qomProperties the property values {@code qom-get} returns, in {@code qom-list} order
     * @param live where live devices are listed
     */
    public VirtioPmemPciDevice(VirtioTransport transport, PciFunction function, VirtioPmemDevice device,
            MemoryDeviceInfo memoryDevice, String memdev, Map<String, Object> qomProperties, LivePmemDevices live) {
        this.transport = transport;
        this.function = function;
        this.device = device;
        this.memoryDevice = memoryDevice;
        this.qomProperties = Collections.unmodifiableMap(new LinkedHashMap<>(qomProperties));
        this.live = live;
        this.entry = new LivePmemDevices.Entry(memoryDevice.id(), memdev, device.statistics());
        live.add(entry);
    }

    @Override
    public String driver() {
        return VirtioPmemPciFactory.DRIVER;
    }

    @Override
    public PciFunction pciFunction() {
        return function;
    }

    @Override
    public Optional<MemoryDeviceInfo> memoryDevice() {
        return Optional.of(memoryDevice);
    }

    /** The values given at creation, and the flush rate limit as it is now. */
    @Override
    public Map<String, Object> qomProperties() {
        Map<String, Object> values = new LinkedHashMap<>(qomProperties);
        FlushLimit limit = device.flushLimit();
        values.put(FlushLimit.OPS, limit.opsPerSecond());
        values.put(FlushLimit.BURST, limit.burst());
        return Collections.unmodifiableMap(values);
    }

    /** {@code flush-ops} and {@code flush-ops-burst}: the FLUSH rate limit. */
    @Override
    public Set<String> mutableProperties() {
        return VirtioPmemPciFactory.MUTABLE;
    }

    /**
     * Sets a new FLUSH rate limit; a property left out keeps its value. A batch waiting for a
     * token sees the new limit at once; the bucket keeps its tokens, cut to the new size.
     */
    @Override
    public void setProperties(Properties changed) throws ConfigurationException {
        device.flushLimit(FlushLimit.from(changed, device.flushLimit()));
    }

    /**
     * The PMEM device inside, e.g. for its statistics.
     *
     * @return the device
     */
    public VirtioPmemDevice virtioDevice() {
        return device;
    }

    /**
     * Hands the device over: the transport quiesces it (every FLUSH available now is answered)
     * and saves the transport's and the device's state; the device is then unlisted.
     */
    @Override
    public Optional<DeviceState> suspend() {
        DeviceState.Builder state = DeviceState.builder(VirtioPmemPciFactory.DRIVER);
        if (!transport.suspend(function, state)) {
            return Optional.empty();
        }
        live.remove(entry);
        return Optional.of(state.build());
    }

    /**
     * Resets the device, which waits for a running flush, and unlists it; the machine releases
     * the backend. Requests were answered when the function left the bus:
     * the transport quiesces the device before it disconnects it ({@link VirtioPmemDevice#quiesce()}).
     */
    @Override
    public void close() {
        device.reset();
        live.remove(entry);
    }
}
