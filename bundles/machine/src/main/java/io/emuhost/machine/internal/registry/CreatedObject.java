package io.emuhost.machine.internal.registry;

import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.state.DeviceState;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a user object came from, so that another factory of its type can adopt it when its own
 * goes away: the properties it was created with, and the factory that made it now. Mutable
 * fields are guarded by the registry.
 */
final class CreatedObject implements FactoryMade<ObjectFactory> {

    final String id;
    final String type;
    final Map<String, Object> properties;
    final Frontend frontend;
    /** The factory that made the object now; null once it left. */
    ObjectFactory factory;
    /** The saved state while the object waits to be adopted, else null. */
    DeviceState saved;

    CreatedObject(String id, String type, Map<String, Object> properties, Frontend frontend,
            ObjectFactory factory) {
        this.id = id;
        this.type = type;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        this.frontend = frontend;
        this.factory = factory;
    }

    @Override
    public String type() {
        return type;
    }

    @Override
    public ObjectFactory factory() {
        return factory;
    }

    @Override
    public boolean suspended() {
        return saved != null;
    }
}
