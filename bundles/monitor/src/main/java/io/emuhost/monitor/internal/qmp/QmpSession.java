package io.emuhost.monitor.internal.qmp;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.monitor.internal.MonitorHub;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One QMP client (QEMU 7.2 {@code monitor/qmp.c}, {@code qapi/qmp-dispatch.c}): the greeting,
 * capabilities negotiation, then each request answered in order, and events once negotiated.
 * Every error is answered and the session goes on; only the client leaving, or {@code quit},
 * ends it.
 */
final class QmpSession implements JsonFramer.Sink {

    private static final Logger LOG = LoggerFactory.getLogger(QmpSession.class);

    private static final int READ_CHUNK = 8192;

    /** How long the replies still queued when the input ends may take to be written. */
    private static final long LAST_WORDS_MILLIS = 2000;
    private static final String CAPABILITIES = "qmp_capabilities";

    private final InputStream in;
    private final OutputStream out;
    private final MonitorHub hub;
    private final QmpJson json;
    private final boolean pretty;
    private final JsonFrameParser parser;
    private final JsonFramer framer;
    private final ClientOutput output;
    private volatile boolean negotiated;
    private volatile boolean busy;
    private boolean outOfBand;
    private boolean negotiating;
    private boolean ended;

    /**
     * A session on one client's streams; closing either stream disconnects the client.
     */
    QmpSession(InputStream in, OutputStream out, MonitorHub hub, QmpJson json, boolean pretty, QmpLimits limits,
            ValueBudget budget, String name) {
        this.in = in;
        this.out = out;
        this.hub = hub;
        this.json = json;
        this.pretty = pretty;
        this.parser = new JsonFrameParser(limits.maxValueBytes());
        this.framer = new JsonFramer(limits.maxValueBytes(), budget, this);
        this.output = new ClientOutput(out, this::disconnect, limits.maxQueuedBytes(), name);
    }

    /**
     * Greets the client and serves it until it leaves or quits; returns once what is queued for
     * it is written (bounded), so that the connection may be closed.
     *
     * @param greeting the greeting
     * @throws IOException if reading fails
     */
    void run(QmpGreeting greeting) throws IOException {
        try {
            output.send(json.encode(greeting.message(), pretty));
            byte[] chunk = new byte[READ_CHUNK];
            int count;
            while (!ended && (count = in.read(chunk)) >= 0) {
                framer.feed(chunk, 0, count);
            }
        } finally {
            framer.close();
            output.finish();
            try {
                output.awaitFinished(LAST_WORDS_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * An event, already encoded; sent only once capabilities are negotiated, as QEMU does.
     *
     * @param compact the compact encoding
     * @param prettyEncoding the pretty encoding
     */
    void event(byte[] compact, byte[] prettyEncoding) {
        if (negotiated) {
            output.send(pretty ? prettyEncoding : compact);
        }
    }

    /**
     * Whether a request is being executed.
     *
     * @return true while a command runs
     */
    boolean busy() {
        return busy;
    }

    /**
     * Ends the session: what is queued is written, then the client is disconnected.
     *
     * @param millis the longest wait for the queue to be written
     * @throws InterruptedException if interrupted
     */
    void finish(long millis) throws InterruptedException {
        output.finish();
        output.awaitFinished(millis);
        disconnect();
    }

    /** Disconnects the client: its input ends, its output fails. */
    void disconnect() {
        try {
            in.close();
        } catch (IOException e) {
            // already broken
        }
        try {
            out.close();
        } catch (IOException e) {
            // already broken
        }
    }

    @Override
    public void value(byte[] bytes, int length) {
        if (ended) {
            return;
        }
        busy = true;
        try {
            output.send(encode(answer(bytes, length)));
            if (negotiating) {
                negotiating = false;
                negotiated = true;
            }
        } finally {
            busy = false;
        }
    }

    @Override
    public void error(String description) {
        if (!ended) {
            output.send(json.encode(failure(QmpError.generic(description), RequestId.NONE), pretty));
        }
    }

    /** A reply; a command result that is not JSON-shaped becomes an error rather than ending the session. */
    private byte[] encode(Map<String, Object> reply) {
        try {
            return json.encode(reply, pretty);
        } catch (IllegalArgumentException e) {
            LOG.error("a QMP reply cannot be written as JSON", e);
            return json.encode(failure(QmpError.generic("internal error: the reply is not JSON"), RequestId.NONE),
                    pretty);
        }
    }

    private Map<String, Object> answer(byte[] bytes, int length) {
        try {
            QmpRequest request = QmpRequest.check(parser.parse(bytes, length), !negotiated || outOfBand);
            Map<String, Object> reply = new LinkedHashMap<>();
            Object result = dispatch(request);
            reply.put("return", result == null ? Map.of() : result);
            request.id().addTo(reply);
            return reply;
        } catch (QmpException e) {
            return failure(e.error(), e.id());
        }
    }

    private Object dispatch(QmpRequest request) throws QmpException {
        String command = request.command();
        RequestId id = request.id();
        if (!negotiated && !CAPABILITIES.equals(command)) {
            throw new QmpException(new QmpError(QmpError.COMMAND_NOT_FOUND,
                    "Expecting capabilities negotiation with '" + CAPABILITIES + "'"), id);
        }
        if (request.outOfBand()) {
            if (!CAPABILITIES.equals(command) && !hub.qmpCommandNames().contains(command)) {
                throw new QmpException(new QmpError(QmpError.COMMAND_NOT_FOUND,
                        "The command " + command + " has not been found"), id);
            }
            throw new QmpException(QmpError.generic("The command " + command + " does not support OOB"), id);
        }
        if (CAPABILITIES.equals(command)) {
            CapabilitiesRequest capabilities = CapabilitiesRequest.check(request.arguments(), id);
            if (negotiated) {
                throw new QmpException(new QmpError(QmpError.COMMAND_NOT_FOUND,
                        "Capabilities negotiation is already complete, command ignored"), id);
            }
            outOfBand = capabilities.outOfBand();
            negotiating = true;
            return null;
        }
        try {
            Object result = hub.executeQmp(command, request.arguments());
            ended = "quit".equals(command);
            return result;
        } catch (ConfigurationException e) {
            throw new QmpException(new QmpError(e.errorClass().qmpName(), e.getMessage()), id);
        } catch (RuntimeException e) {
            LOG.error("QMP command {} failed", command, e);
            throw new QmpException(QmpError.generic("internal error: " + e), id);
        }
    }

    /** {@code {"id": ..., "error": {"class": ..., "desc": ...}}}, the id only if the request had one. */
    static Map<String, Object> failure(QmpError error, RequestId id) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("class", error.errorClass());
        body.put("desc", error.desc());
        Map<String, Object> reply = new LinkedHashMap<>();
        id.addTo(reply);
        reply.put("error", body);
        return reply;
    }
}
