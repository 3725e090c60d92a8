package io.emuhost.machine.internal.chardev;

import java.io.IOException;

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
}
