package io.emuhost.backend.file.internal;

import io.emuhost.api.device.ConfigurationException;
import java.util.Optional;

/** QAPI {@code HostMemPolicy}; the ordinals are the kernel's MPOL_* modes. */
enum HostMemPolicy {
    DEFAULT("default"),
    PREFERRED("preferred"),
    BIND("bind"),
    INTERLEAVE("interleave");

    private final String qapiName;

    HostMemPolicy(String qapiName) {
        this.qapiName = qapiName;
    }

    String qapiName() {
        return qapiName;
    }

    /** The {@code mode} argument of mbind(2): MPOL_DEFAULT 0 .. MPOL_INTERLEAVE 3. */
    int mpolMode() {
        return ordinal();
    }

    static HostMemPolicy parse(String property, Optional<String> value) throws ConfigurationException {
        if (value.isEmpty()) {
            return DEFAULT;
        }
        for (HostMemPolicy policy : values()) {
            if (policy.qapiName.equals(value.get())) {
                return policy;
            }
        }
        throw new ConfigurationException(
                "Parameter '" + property + "' does not accept value '" + value.get() + "'");
    }
}
