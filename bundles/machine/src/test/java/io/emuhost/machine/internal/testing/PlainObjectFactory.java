package io.emuhost.machine.internal.testing;

import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.UserObject;
import java.util.List;

/** Creates {@code test-object}s: user objects that are not memory backends. */
public final class PlainObjectFactory implements ObjectFactory {

    /** The QOM type. */
    public static final String TYPE = "test-object";

    @Override
    public List<PropertySpec> properties() {
        return List.of();
    }

    @Override
    public UserObject create(String id, Properties properties) {
        return new UserObject() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String type() {
                return TYPE;
            }

            @Override
            public void close() {
                // holds nothing
            }
        };
    }
}
