package io.emuhost.monitor.internal.qmp;

import io.emuhost.api.frontend.ProtocolSession;
import io.emuhost.monitor.internal.EventBus;
import io.emuhost.monitor.internal.MonitorHub;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A QMP monitor on one chardev ({@code -qmp}, {@code -mon mode=control}). Unlike QEMU, which
 * serves one client of a socket at a time (a second one gets no greeting until the first leaves),
 * every client that connects is served at once, each with its own negotiation state; each gets
 * the events emitted on the {@link EventBus} once it has negotiated.
 */
public final class QmpServer implements ProtocolSession {

    private static final Logger LOG = LoggerFactory.getLogger(QmpServer.class);

    private static final long IDLE_POLL_MILLIS = 10;

    private final MonitorHub hub;
    private final EventBus events;
    private final QmpGreeting greeting;
    private final boolean pretty;
    private final QmpLimits limits;
    private final String name;
    private final QmpJson json = new QmpJson();
    private final Set<QmpSession> sessions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger clients = new AtomicInteger();
    private final ValueBudget budget;
    private final EventBus.Listener listener = this::event;
    private volatile boolean closed;

    /**
     * Creates the monitor and subscribes it to the events.
     *
     * @param hub runs the commands
     * @param events the events to forward
     * @param version the emuhost version, for the greeting
     * @param pretty {@code pretty=on}: replies spread over indented lines
     * @param limits the bounds per client
     * @param name the chardev id, for thread names
     */
    public QmpServer(MonitorHub hub, EventBus events, String version, boolean pretty, QmpLimits limits, String name) {
        this.hub = hub;
        this.events = events;
        this.greeting = QmpGreeting.of(version);
        this.pretty = pretty;
        this.limits = limits;
        this.name = name;
        this.budget = new ValueBudget(limits.maxBufferedBytes());
        events.addListener(listener);
    }

    /**
     * Serves one client on the calling thread; any number are served side by side.
     *
     * @param in the client's bytes
     * @param out the client's output; closing either stream disconnects it
     */
    @Override
    public void serve(InputStream in, OutputStream out) {
        QmpSession session = new QmpSession(in, out, hub, json, pretty, limits, budget,
                "emuhost-" + name + "-out-" + clients.incrementAndGet());
        sessions.add(session);
        try {
            if (!closed) {
                session.run(greeting);
            }
        } catch (IOException e) {
            LOG.debug("{}: a client's connection failed", name, e);
        } finally {
            sessions.remove(session);
        }
    }

    /** A client over the chardev's limit gets one error object instead of the greeting, then is disconnected. */
    @Override
    public byte[] refusal(String reason) {
        return json.encode(QmpSession.failure(QmpError.generic(reason), RequestId.NONE), pretty);
    }

    /** {@code {"timestamp": {"seconds": s, "microseconds": us}, "event": E, "data": D}}; no data member if empty. */
    private void event(String event, Map<String, ?> data, long timestampMicros) {
        Map<String, Object> timestamp = new LinkedHashMap<>();
        timestamp.put("seconds", Math.floorDiv(timestampMicros, 1_000_000L));
        timestamp.put("microseconds", Math.floorMod(timestampMicros, 1_000_000L));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("timestamp", timestamp);
        message.put("event", event);
        if (!data.isEmpty()) {
            message.put("data", data);
        }
        byte[] compact;
        byte[] indented;
        try {
            compact = json.encode(message, false);
            indented = json.encode(message, true);
        } catch (IllegalArgumentException e) {
            LOG.error("event {} cannot be written as JSON", event, e);
            return;
        }
        for (QmpSession session : sessions) {
            session.event(compact, indented);
        }
    }

    /**
     * Ends every session for shutdown: waits (bounded) for running commands to answer, writes
     * what is queued (a {@code quit}'s return and the {@code SHUTDOWN} event), then disconnects.
     *
     * @param grace the longest wait
     * @throws InterruptedException if interrupted
     */
    @Override
    public void shutdown(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        try {
            finishAll(deadline);
        } finally {
            close();
        }
    }

    private void finishAll(long deadline) throws InterruptedException {
        while (sessions.stream().anyMatch(QmpSession::busy) && System.nanoTime() - deadline < 0) {
            Thread.sleep(IDLE_POLL_MILLIS);
        }
        for (QmpSession session : sessions) {
            session.finish(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        }
    }

    /** Stops forwarding events and disconnects every client; later clients are not served. */
    @Override
    public void close() {
        closed = true;
        events.removeListener(listener);
        sessions.forEach(QmpSession::disconnect);
    }
}
