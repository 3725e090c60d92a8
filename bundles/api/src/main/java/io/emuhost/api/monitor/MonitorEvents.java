package io.emuhost.api.monitor;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Sends QMP events to every monitor client that negotiated capabilities, with a timestamp
 * ({@code {"timestamp": {"seconds": s, "microseconds": us}, "event": NAME, "data": {...}}}).
 * The monitor bundle registers it as an OSGi service; the machine emits through whichever is
 * registered (none: the event is dropped, as QEMU drops events no QMP client is there to get).
 * {@link #emit} is called on the emitting thread and must not block.
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
