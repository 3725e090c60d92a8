package ${package}.internal;

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
import java.security.SecureRandom;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Creates {@value #DRIVER} devices ({@code -device ${driver}}, {@code device_add ${driver}}): the
 * entropy device wrapped by the virtio-pci transport. The machine finds this factory by its
 * {@link DeviceFactory#DRIVER} service property; when several bundle versions register one, the
 * highest serves new devices.
 */
@Component(service = DeviceFactory.class, configurationPid = EntropyDeviceFactory.PID,
        property = DeviceFactory.DRIVER + "=" + EntropyDeviceFactory.DRIVER)
@Designate(ocd = FactoryConfiguration.class)
public final class EntropyDeviceFactory implements DeviceFactory {

    /** The driver name. */
    public static final String DRIVER = "${driver}";
    /** The configuration PID ({@link FactoryConfiguration}). */
    public static final String PID = "${package}";

    private final VirtioTransport transport;
    private final int maxBytesPerRequest;

    /**
     * Creates the factory (SCR does, or a test with plain Java). The transport reference is static
     * and mandatory: without a virtio-pci transport there is no factory.
     *
     * @param transport the virtio-pci transport
     * @param configuration the factory's configuration, or its defaults
     */
    @Activate
    public EntropyDeviceFactory(
            @Reference(name = "transport", target = "(" + VirtioTransport.KIND + "=pci)") VirtioTransport transport,
            FactoryConfiguration configuration) {
        this.transport = transport;
        this.maxBytesPerRequest = configuration.max_bytes_per_request();
    }

    /** No properties of its own: the transport's ({@code vectors}, {@code event_idx}, ...) apply. */
    @Override
    public List<PropertySpec> properties() {
        return transport.properties();
    }

    @Override
    public String description() {
        return "virtio entropy source (${artifactId})";
    }

    @Override
    public Device create(Properties properties, PlugContext context) throws ConfigurationException {
        EntropyDevice device = newDevice();
        PciFunction function = transport.wrap(device, properties);
        return new EntropyPciDevice(transport, function, device);
    }

    /** Continues a device another version of this bundle handed over: only the transport has state. */
    @Override
    public Device restore(Properties properties, PlugContext context, DeviceState state)
            throws ConfigurationException, StateException {
        if (!DRIVER.equals(state.driver())) {
            throw new StateException.Incompatible("state of " + state.driver() + ", not " + DRIVER);
        }
        EntropyDevice device = newDevice();
        return new EntropyPciDevice(transport, transport.restore(device, properties, state), device);
    }

    private EntropyDevice newDevice() {
        return new EntropyDevice(new SecureRandom(), maxBytesPerRequest);
    }
}
