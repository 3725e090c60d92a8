package io.emuhost.machine.internal.registry;

import io.emuhost.api.device.Device;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.state.DeviceState;
import io.emuhost.machine.internal.handover.HandoverFunction;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A device on the machine and what it holds. What stays for the device's whole life (id,
 * properties, plug context, the function on the bus) is final; the device behind it changes
 * when it is handed over to another factory. Mutable fields are guarded by the registry.
 */
final class PluggedDevice implements FactoryMade<DeviceFactory> {

    final Optional<String> id;
    final String driver;
    final Map<String, Object> properties;
    final Frontend frontend;
    final DevicePlugContext context;
    final HandoverFunction function;
    /** The device now, or while suspended the one that was handed over. */
    Device device;
    /** The factory that made {@link #device}; null while suspended. */
    DeviceFactory factory;
    /** The saved state while suspended, else null. */
    DeviceState saved;

    PluggedDevice(Optional<String> id, String driver, Map<String, Object> properties, Frontend frontend,
            DevicePlugContext context, HandoverFunction function, Device device, DeviceFactory factory) {
        this.id = id;
        this.driver = driver;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        this.frontend = frontend;
        this.context = context;
        this.function = function;
        this.device = device;
        this.factory = factory;
    }

    /** @return the driver */
    @Override
    public String type() {
        return driver;
    }

    @Override
    public DeviceFactory factory() {
        return factory;
    }

    @Override
    public boolean suspended() {
        return saved != null;
    }

    boolean hasId(String wanted) {
        return id.filter(wanted::equals).isPresent();
    }

    /** The id for log lines, or the driver for a device without one. */
    String name() {
        return id.orElse(driver);
    }
}
