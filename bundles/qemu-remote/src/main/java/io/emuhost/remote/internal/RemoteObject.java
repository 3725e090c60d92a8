package io.emuhost.remote.internal;

import io.emuhost.api.device.UserObject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@code x-remote-object}: serves one device to QEMU on its own thread
 * ({@code mpqemu-<id>}) from creation until {@link #close()} (object_del, machine shutdown).
 */
final class RemoteObject implements UserObject {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteObject.class);

    /** How long close waits for the thread; a machine access in flight finishes well within it. */
    static final Duration JOIN_TIMEOUT = Duration.ofSeconds(10);

    private final String id;
    private final RemoteObjectOptions options;
    private final RemoteServer server;
    private final AutoShutdown.Member lifecycle;
    private final Thread thread;
    private boolean closed;

    /**
     * Starts serving.
     *
     * @param id the object id
     * @param options the properties
     * @param server where connections come from
     * @param lifecycle the object's part in the host's auto-shutdown, left at close
     */
    RemoteObject(String id, RemoteObjectOptions options, RemoteServer server, AutoShutdown.Member lifecycle) {
        this.id = id;
        this.options = options;
        this.server = server;
        this.lifecycle = lifecycle;
        this.thread = new Thread(server, "mpqemu-" + id);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String type() {
        return RemoteObjectOptions.TYPE;
    }

    @Override
    public Map<String, Object> qomProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("devid", options.devid());
        options.fd().ifPresent(fd -> properties.put("fd", Integer.toString(fd)));
        options.socket().ifPresent(path -> properties.put("socket", path));
        options.doorbell().ifPresent(path -> properties.put("doorbell", path));
        properties.put(RemoteObjectOptions.AUTO_SHUTDOWN, options.autoShutdown());
        return properties;
    }

    /**
     * The serving thread, for tests.
     *
     * @return the thread
     */
    Thread thread() {
        return thread;
    }

    /**
     * Stops serving, joins the thread, then (on this thread, which may hold the machine during
     * shutdown) gives the machine its RAM back and closes the sockets and every descriptor
     * received.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        lifecycle.leave();
        server.stop();
        try {
            thread.join(JOIN_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("{}: the connection thread did not end within {}", id, JOIN_TIMEOUT);
            return; // it still uses what release() would free
        }
        server.release();
    }
}
