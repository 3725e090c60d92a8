package io.emuhost.monitor.internal.qmp;

/** A request that gets an error reply instead of a return; the session goes on. */
final class QmpException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient QmpError error;
    private final transient RequestId id;

    /**
     * An error for input that has no id (a parse error, a non-object).
     *
     * @param error the error
     */
    QmpException(QmpError error) {
        this(error, RequestId.NONE);
    }

    /**
     * An error for a request.
     *
     * @param error the error
     * @param id the request's id, echoed in the reply
     */
    QmpException(QmpError error, RequestId id) {
        super(error.desc());
        this.error = error;
        this.id = id;
    }

    QmpError error() {
        return error;
    }

    RequestId id() {
        return id;
    }
}
