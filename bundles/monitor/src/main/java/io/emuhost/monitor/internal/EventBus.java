package io.emuhost.monitor.internal;

import io.emuhost.api.monitor.MonitorEvents;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Fans QMP events out to the connected QMP sessions. */
public final class EventBus implements MonitorEvents {

    /** Receives events; called on the emitting thread, must not block. */
    public interface Listener {
        /**
         * One event.
         *
         * @param event the name
         * @param data the data
         * @param timestampMicros wall-clock time of the emission in microseconds since the epoch
         */
        void event(String event, Map<String, ?> data, long timestampMicros);
    }

    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Adds a listener.
     *
     * @param listener the listener
     */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Removes a listener.
     *
     * @param listener the listener
     */
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    @Override
    public void emit(String event, Map<String, ?> data) {
        Instant now = Instant.now();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        Map<String, ?> copy = Collections.unmodifiableMap(new LinkedHashMap<>(data));
        for (Listener listener : listeners) {
            listener.event(event, copy, micros);
        }
    }
}
