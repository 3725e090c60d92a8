package io.emuhost.testkit.monitor;

import io.emuhost.api.monitor.MonitorEvents;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** {@link MonitorEvents} that keeps what was emitted, in order. */
public final class RecordingEvents implements MonitorEvents {

    /**
     * One emitted event.
     *
     * @param event the name
     * @param data the data, in the order emitted
     */
    public record Event(String event, Map<String, ?> data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void emit(String event, Map<String, ?> data) {
        events.add(new Event(event, Collections.unmodifiableMap(new LinkedHashMap<>(data))));
    }

    /** @return the events so far */
    public List<Event> events() {
        return List.copyOf(events);
    }
}
