package io.emuhost.cli.internal.chardev;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Serves one chardev client (a QMP session, an HMP session, the qtest protocol). */
@FunctionalInterface
public interface ConnectionHandler {

    /**
     * Serves the client until it disconnects or the session ends; the caller closes the
     * connection afterwards.
     *
     * @param connection the client
     * @throws IOException if the connection fails; it ends only this client
     */
    void serve(ChardevConnection connection) throws IOException;

    /**
     * What a client that is not served (the chardev's client limit is reached) is sent before
     * it is disconnected: by default one plain line, as a human monitor's user reads it.
     *
     * @param reason why, in words
     * @return the bytes to send
     */
    default byte[] refusal(String reason) {
        return ("emuhost: " + reason + "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
