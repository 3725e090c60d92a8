package io.emuhost.api.virtio;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
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

    /**
     * Hands over a function this transport made ({@link #wrap} or {@link #restore}): quiesces its
     * device ({@link VirtioDevice#quiesce}), then saves the transport's registers, the queues'
     * positions, the interrupt state and the device's own fields into {@code state}, and
     * disconnects the function without resetting anything. The caller makes sure no access
     * reaches the function meanwhile and none afterwards.
     *
     * @param function the function
     * @param state where the fields go
     * @return false if the device cannot be quiesced; nothing is saved and the function is unchanged
     * @throws IllegalArgumentException if the function was not made by this transport kind
     * @since 1.2
     */
    boolean suspend(PciFunction function, DeviceState.Builder state);

    /**
     * Wraps a device into a function that continues from a state {@link #suspend} saved (by this
     * or another version of the transport): when it is plugged, a driver that had set DRIVER_OK
     * finds its device active again, with queues continuing at the saved positions.
     *
     * @param device the new device, already given its own state ({@link VirtioDevice#restoreState})
     * @param properties the device's properties, of which the transport reads its own
     * @param state the saved state
     * @return the function, ready to be plugged
     * @throws ConfigurationException if a transport property is invalid
     * @throws StateException if the state is incomplete or describes another device
     * @since 1.2
     */
    PciFunction restore(VirtioDevice device, Properties properties, DeviceState state)
            throws ConfigurationException, StateException;
}
