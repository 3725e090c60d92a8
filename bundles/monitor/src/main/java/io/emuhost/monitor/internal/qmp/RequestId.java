package io.emuhost.monitor.internal.qmp;

import java.util.Map;

/**
 * A request's {@code id}: any JSON value, {@code null} included, or none at all.
 *
 * @param present whether the request had an {@code id}
 * @param value the value (possibly null)
 */
record RequestId(boolean present, Object value) {

    /** A request without an id: the reply has none either. */
    static final RequestId NONE = new RequestId(false, null);

    /**
     * A request's id.
     *
     * @param value the value
     * @return the id
     */
    static RequestId of(Object value) {
        return new RequestId(true, value);
    }

    /**
     * Adds the id to a reply.
     *
     * @param reply the reply's members
     */
    void addTo(Map<String, Object> reply) {
        if (present) {
            reply.put("id", value);
        }
    }
}
