package io.emuhost.api.virtio;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Puts a virtio device on a bus. The virtio-pci transport (virtio 1.2 §4.1, modern only) is
 * registered with the service property {@code emuhost.virtio.transport=pci}.
 */
@ProviderType
public interface VirtioTransport {

    /** Service property naming the transport kind. */
    String KIND = "emuhost.virtio.transport";

    /**
     * The transport's own device properties (e.g. {@code vectors}, {@code event_idx}), which a
     * device factory lists after its own.
     *
     * @return property descriptions
     */
    List<PropertySpec> properties();

    /**
     * Wraps a device into a PCI function with virtio-pci's identity and register layout.
     *
     * @param device the device
     * @param properties the device's properties, of which the transport reads its own
     * @return the function, ready to be plugged
     * @throws ConfigurationException if a transport property is invalid
     */
    PciFunction wrap(VirtioDevice device, Properties properties) throws ConfigurationException;
}
