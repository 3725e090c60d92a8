package io.emuhost.api.monitor;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends QMP events to every monitor client that negotiated capabilities, with a timestamp
 * ({@code {"timestamp": {"seconds": s, "microseconds": us}, "event": NAME, "data": {...}}}).
 */
@ProviderType
public interface MonitorEvents {

    /**
     * Emits an event.
     *
     * @param event the event name, e.g. {@code DEVICE_DELETED}
     * @param data the event data (JSON-shaped values); empty for none
     */
    void emit(String event, Map<String, ?> data);
}
