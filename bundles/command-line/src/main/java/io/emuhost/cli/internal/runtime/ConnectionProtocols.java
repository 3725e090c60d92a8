package io.emuhost.cli.internal.runtime;

import io.emuhost.api.frontend.ConnectionProtocol;
import java.util.Optional;

/** The connection protocols (qtest) available now, by {@value ConnectionProtocol#PROTOCOL}. */
@FunctionalInterface
public interface ConnectionProtocols {

    /** No protocol at all (tests, a host without protocol bundles). */
    ConnectionProtocols NONE = name -> Optional.empty();

    /**
     * The protocol serving a name now: when several do, the one from the highest bundle version.
     *
     * @param name the protocol, e.g. {@value ConnectionProtocol#QTEST}
     * @return the protocol, or empty if no bundle provides it
     */
    Optional<ConnectionProtocol> protocol(String name);
}
