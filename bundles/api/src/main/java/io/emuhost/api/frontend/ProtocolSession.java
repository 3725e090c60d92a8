package io.emuhost.api.frontend;

import java.io.InputStream;
import java.io.OutputStream;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A session of a {@link ConnectionProtocol}: serves connections one after the other (as a chardev
 * that accepts one client at a time) until it is closed.
 */
@ConsumerType
public interface ProtocolSession extends AutoCloseable {

    /**
     * Serves one connection until its input ends or the session is closed. One connection is
     * served at a time: a second call waits until the first has returned. Returns normally
     * whatever the client sends and whatever the streams throw (the failure is logged), so a
     * server thread does not die of a client; only a VM-fatal {@link Error} (such as
     * {@link OutOfMemoryError}) propagates. The caller closes the streams afterwards.
     *
     * @param in the client's bytes
     * @param out where the replies go
     */
    void serve(InputStream in, OutputStream out);

    /**
     * Ends the session: a running {@link #serve} returns soon (its input is closed), later ones
     * return at once, and what the session holds (listeners on the machine, a log file) is
     * released. Idempotent; callable from any thread.
     */
    @Override
    void close();
}
