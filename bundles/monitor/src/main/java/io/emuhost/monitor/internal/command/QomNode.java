package io.emuhost.monitor.internal.command;

import io.emuhost.api.device.ConfigurationException;
import java.util.List;
import java.util.Optional;

/**
 * One object of the QOM tree as {@code qom-list} and {@code qom-get} see it.
 *
 * @param typeName the QOM type, e.g. {@code memory-backend-file}
 * @param properties its properties, in {@code qom-list} order
 */
record QomNode(String typeName, List<Property> properties) {

    /**
     * One property.
     *
     * @param name the name
     * @param type the QOM property type, e.g. {@code uint64}, {@code link<memory-backend>}
     * @param value the value as {@code qom-get} returns it, or empty if the host cannot read it
     */
    record Property(String name, String type, Optional<Object> value) {
    }

    /**
     * A property's value ({@code object_property_get}).
     *
     * @param name the property
     * @return the value
     * @throws ConfigurationException {@code Property 'type.name' not found} or
     *     {@code Property 'type.name' is not readable}
     */
    Object get(String name) throws ConfigurationException {
        Property property = properties.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(
                () -> new ConfigurationException("Property '" + typeName + "." + name + "' not found"));
        return property.value().orElseThrow(
                () -> new ConfigurationException("Property '" + typeName + "." + name + "' is not readable"));
    }
}
