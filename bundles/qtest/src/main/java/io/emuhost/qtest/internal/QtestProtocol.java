package io.emuhost.qtest.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.frontend.ConnectionProtocol;
import io.emuhost.api.frontend.ProtocolSession;
import io.emuhost.api.machine.Machine;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * The qtest protocol as a service: each {@link #open} makes a {@link QtestServer} for a machine.
 * Its one option is {@value ConnectionProtocol#QTEST_LOG} ({@code -qtest-log}). Deactivation (the bundle stops or is
 * updated) closes every server still open, which ends their running connections, so no thread
 * runs this revision's code afterwards. The component is immediate: it tracks the servers it
 * opened, so it must stay one instance for as long as the bundle runs (a delayed component would
 * be deactivated as soon as its last user ungets it, forgetting servers that are still serving).
 */
@Component(service = ConnectionProtocol.class, immediate = true,
        property = ConnectionProtocol.PROTOCOL + "=" + ConnectionProtocol.QTEST)
public final class QtestProtocol implements ConnectionProtocol {

    private final Set<QtestServer> open = ConcurrentHashMap.newKeySet();

    @Override
    public ProtocolSession open(Machine machine, Map<String, String> options) throws ConfigurationException {
        for (String key : options.keySet()) {
            if (!key.equals(QTEST_LOG)) {
                // QEMU's wording for an unknown QemuOpts parameter
                throw new ConfigurationException("Invalid parameter '" + key + "'");
            }
        }
        QtestServer server = new QtestServer(machine, Optional.ofNullable(options.get(QTEST_LOG)), open::remove);
        open.add(server);
        return server;
    }

    /** Closes the servers this component opened and that are still open. */
    @Deactivate
    void deactivate() {
        for (QtestServer server : List.copyOf(open)) {
            server.close();
        }
    }
}
