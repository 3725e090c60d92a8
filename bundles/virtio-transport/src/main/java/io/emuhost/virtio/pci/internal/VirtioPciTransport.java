package io.emuhost.virtio.pci.internal;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.api.virtio.SharedMemoryRegion;
import io.emuhost.api.virtio.VirtioDevice;
import io.emuhost.api.virtio.VirtioTransport;
import java.util.List;
import org.osgi.service.component.annotations.Component;

/**
 * The virtio-pci modern transport (virtio 1.2 §4.1): wraps any virtio device into a PCI function
 * with QEMU's identity and register layout. Stateless; every wrapped device gets its own function,
 * whose state another version of this transport can take over ({@link #suspend}, {@link #restore}).
 */
@Component(service = VirtioTransport.class, property = VirtioTransport.KIND + "=pci")
public final class VirtioPciTransport implements VirtioTransport {

    /** Creates the transport; it needs nothing. */
    public VirtioPciTransport() {
    }

    @Override
    public List<PropertySpec> properties() {
        return VirtioPciOptions.SPECS;
    }

    @Override
    public PciFunction wrap(VirtioDevice device, Properties properties) throws ConfigurationException {
        return function(device, properties);
    }

    @Override
    public boolean suspend(PciFunction function, DeviceState.Builder state) {
        if (!(function instanceof VirtioPciFunction virtio)) {
            throw new IllegalArgumentException("not a virtio-pci function: " + function);
        }
        return virtio.suspend(state);
    }

    @Override
    public PciFunction restore(VirtioDevice device, Properties properties, DeviceState state)
            throws ConfigurationException, StateException {
        VirtioPciFunction function = function(device, properties);
        function.restore(state);
        return function;
    }

    private static VirtioPciFunction function(VirtioDevice device, Properties properties)
            throws ConfigurationException {
        VirtioPciOptions options = VirtioPciOptions.parse(properties, device.queueCount());
        List<SharedMemoryRegion> regions = device.sharedMemoryRegions();
        // one BAR (BAR2/3) is free for shared memory next to BAR1 (MSI-X) and BAR4/5 (registers)
        if (regions.size() > 1) {
            throw new ConfigurationException("virtio-pci: at most one shared memory region is supported, the device has "
                    + regions.size());
        }
        SharedMemoryRegion region = regions.isEmpty() ? null : regions.get(0);
        if (region != null && !options.bar64()
                && VirtioPciFunction.sharedMemoryBarSize(region) > VirtioPciOptions.MAX_BAR32_SIZE) {
            // PCI Local Bus 3.0 §6.2.5.1: a 32-bit memory BAR decodes at most 2 GiB
            throw new ConfigurationException("x-bar64=off: shared memory region " + region.id() + " needs a BAR of "
                    + VirtioPciFunction.sharedMemoryBarSize(region) + " bytes, more than a 32-bit BAR holds ("
                    + VirtioPciOptions.MAX_BAR32_SIZE + ")");
        }
        return new VirtioPciFunction(device, options, region);
    }
}
