package io.emuhost.virtio.rng.internal;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.PlugContext;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.api.virtio.VirtioTransport;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Creates {@code virtio-rng-pci} devices ({@code -device virtio-rng-pci}): an entropy device
 * wrapped by the virtio-pci transport. The device has no properties of its own; the transport's
 * ({@code vectors}, {@code event_idx}, ...) apply.
 */
@Component(service = DeviceFactory.class, property = DeviceFactory.DRIVER + "=" + VirtioRngPciFactory.DRIVER)
public final class VirtioRngPciFactory implements DeviceFactory {

    /** The driver name. */
    public static final String DRIVER = "virtio-rng-pci";

    private final VirtioTransport transport;

    /**
     * Creates the factory.
     *
     * @param transport the virtio-pci transport
     */
    @Activate
    public VirtioRngPciFactory(
            @Reference(name = "transport", target = "(" + VirtioTransport.KIND + "=pci)") VirtioTransport transport) {
        this.transport = transport;
    }

    @Override
    public List<PropertySpec> properties() {
        return transport.properties();
    }

    @Override
    public String description() {
        return "virtio entropy source: random bytes from the host's SecureRandom";
    }

    @Override
    public Device create(Properties properties, PlugContext context) throws ConfigurationException {
        VirtioRngDevice device = new VirtioRngDevice();
        PciFunction function = transport.wrap(device, properties);
        return new VirtioRngPciDevice(transport, function, device);
    }

    /** Continues a device another version of this bundle handed over: only the transport has state. */
    @Override
    public Device restore(Properties properties, PlugContext context, DeviceState state)
            throws ConfigurationException, StateException {
        if (!DRIVER.equals(state.driver())) {
            throw new StateException.Incompatible("state of " + state.driver() + ", not " + DRIVER);
        }
        VirtioRngDevice device = new VirtioRngDevice();
        return new VirtioRngPciDevice(transport, transport.restore(device, properties, state), device);
    }
}
