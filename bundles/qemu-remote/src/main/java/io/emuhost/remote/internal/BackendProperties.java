package io.emuhost.remote.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.OnOffAuto;
import io.emuhost.api.device.Properties;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed properties for a backend this bundle creates itself through the
 * {@code memory-backend-file} factory service (not a user object, so there is no front end to
 * parse them): values are {@link String}, {@link Long} or {@link Boolean} already. Warnings go to
 * the log.
 */
final class BackendProperties implements Properties {

    private static final Logger LOG = LoggerFactory.getLogger(BackendProperties.class);

    private final String id;
    private final Map<String, Object> values;

    BackendProperties(String id, Map<String, Object> values) {
        this.id = id;
        this.values = Map.copyOf(values);
    }

    @Override
    public boolean has(String name) {
        return values.containsKey(name);
    }

    @Override
    public String string(String name) throws ConfigurationException {
        return optionalString(name).orElseThrow(() -> new ConfigurationException("Parameter '" + name + "' is missing"));
    }

    @Override
    public Optional<String> optionalString(String name) throws ConfigurationException {
        return Optional.ofNullable((String) typed(name, String.class, "a string"));
    }

    @Override
    public OptionalLong size(String name) throws ConfigurationException {
        Long value = (Long) typed(name, Long.class, "a size value");
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @Override
    public OptionalLong uint64(String name) throws ConfigurationException {
        Long value = (Long) typed(name, Long.class, "uint64");
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    @Override
    public boolean bool(String name, boolean defaultValue) throws ConfigurationException {
        Boolean value = (Boolean) typed(name, Boolean.class, "'on' or 'off'");
        return value == null ? defaultValue : value;
    }

    @Override
    public OnOffAuto onOffAuto(String name) throws ConfigurationException {
        OnOffAuto value = (OnOffAuto) typed(name, OnOffAuto.class, "'on', 'off' or 'auto'");
        return value == null ? OnOffAuto.AUTO : value;
    }

    @Override
    public void warn(String message) {
        LOG.warn("{}: {}", id, message);
    }

    private Object typed(String name, Class<?> type, String expected) throws ConfigurationException {
        Object value = values.get(name);
        if (value != null && !type.isInstance(value)) {
            throw new ConfigurationException("Parameter '" + name + "' expects " + expected);
        }
        return value;
    }
}
