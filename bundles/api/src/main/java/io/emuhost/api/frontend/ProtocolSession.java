package io.emuhost.api.frontend;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A session of a {@link ConnectionProtocol}: serves the connections of one chardev until it is
 * closed.
 */
@ConsumerType
public interface ProtocolSession extends AutoCloseable {

    /**
     * Serves one connection until its input ends or the session is closed. Whether connections
     * are served side by side is the protocol's choice: qtest serves one at a time (a second call
     * waits until the first has returned), the monitors serve each on the calling thread. Returns
     * normally whatever the client sends and whatever the streams throw (the failure is logged),
     * so a server thread does not die of a client; only a VM-fatal {@link Error} (such as
     * {@link OutOfMemoryError}) propagates. The caller closes the streams afterwards.
     *
     * @param in the client's bytes
     * @param out where the replies go
     */
    void serve(InputStream in, OutputStream out);

    /**
     * What a client the host does not serve (the chardev's client limit is reached) is sent
     * before it is disconnected: by default one plain line, as a human monitor's user reads it;
     * QMP sends an error object.
     *
     * @param reason why, in words
     * @return the bytes to send
     * @since 1.1
     */
    default byte[] refusal(String reason) {
        return ("emuhost: " + reason + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Ends the session gently, as the host does on {@code quit}: clients get what is already
     * queued for them (a QMP client its last replies and events) for at most {@code grace}, then
     * the session is {@linkplain #close() closed}. By default it closes at once.
     *
     * @param grace the longest wait
     * @throws InterruptedException if interrupted while waiting; the session is closed anyway
     * @since 1.1
     */
    default void shutdown(Duration grace) throws InterruptedException {
        close();
    }

    /**
     * Ends the session: a running {@link #serve} returns soon (its input is closed), later ones
     * return at once, and what the session holds (listeners on the machine, a log file) is
     * released. Idempotent; callable from any thread.
     */
    @Override
    void close();
}
