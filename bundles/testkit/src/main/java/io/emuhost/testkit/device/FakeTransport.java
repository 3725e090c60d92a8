package io.emuhost.testkit.device;

import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.virtio.VirtioDevice;
import io.emuhost.api.virtio.VirtioTransport;
import java.util.List;
import java.util.Optional;

/**
 * A {@link VirtioTransport} that remembers the device it wrapped and returns an inert function; a
 * hand-over saves and restores the device's own state only.
 */
public final class FakeTransport implements VirtioTransport {

    /** The one transport property it declares, as the virtio-pci transport names it. */
    public static final PropertySpec EVENT_IDX =
            new PropertySpec("event_idx", PropertyType.BOOL, Optional.of("on"), "VIRTIO_F_EVENT_IDX");

    private volatile VirtioDevice wrapped;
    private final PciFunction function = new InertPciFunction();

    /** @return the device last wrapped or restored, or null */
    public VirtioDevice wrapped() {
        return wrapped;
    }

    /** @return the function every wrap and restore returns */
    public PciFunction function() {
        return function;
    }

    @Override
    public List<PropertySpec> properties() {
        return List.of(EVENT_IDX);
    }

    @Override
    public PciFunction wrap(VirtioDevice device, Properties properties) {
        wrapped = device;
        return function;
    }

    @Override
    public boolean suspend(PciFunction suspended, DeviceState.Builder state) {
        if (!wrapped.quiesce()) {
            return false;
        }
        wrapped.saveState(state);
        return true;
    }

    @Override
    public PciFunction restore(VirtioDevice device, Properties properties, DeviceState state) {
        wrapped = device;
        return function;
    }
}
