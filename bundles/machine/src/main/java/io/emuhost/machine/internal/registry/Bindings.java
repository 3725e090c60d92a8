package io.emuhost.machine.internal.registry;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.PlugContext;
import io.emuhost.api.device.Properties;
import io.emuhost.api.machine.FactoryBinding;
import io.emuhost.api.machine.FactoryBinding.Kind;
import io.emuhost.api.state.DeviceState;
import io.emuhost.machine.internal.Factories;
import java.util.Optional;

/**
 * What the registry made, as {@link FactoryBinding}s: the bundle serving each entry now, and
 * whether its factory can take over what another version made (it overrides the api's
 * {@code restore}, whose default refuses).
 */
final class Bindings {

    private Bindings() {
    }

    /** @return the binding of an object */
    static FactoryBinding of(CreatedObject object, Factories factories) {
        return binding(Kind.OBJECT, Optional.of(object.id), object, factories, ObjectFactory.class,
                String.class, Properties.class, DeviceState.class);
    }

    /** @return the binding of a device */
    static FactoryBinding of(PluggedDevice device, Factories factories) {
        return binding(Kind.DEVICE, device.id, device, factories, DeviceFactory.class,
                Properties.class, PlugContext.class, DeviceState.class);
    }

    private static FactoryBinding binding(Kind kind, Optional<String> id, FactoryMade<?> entry, Factories factories,
            Class<?> api, Class<?>... restoreParameters) {
        Object factory = entry.factory();
        if (factory == null) {
            return new FactoryBinding(kind, id, entry.type(), Optional.empty(), true);
        }
        return new FactoryBinding(kind, id, entry.type(), factories.servingBundle(factory),
                overridesRestore(factory.getClass(), api, restoreParameters));
    }

    private static boolean overridesRestore(Class<?> type, Class<?> api, Class<?>... parameters) {
        try {
            return type.getMethod("restore", parameters).getDeclaringClass() != api;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
