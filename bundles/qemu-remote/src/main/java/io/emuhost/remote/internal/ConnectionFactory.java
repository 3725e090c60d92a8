package io.emuhost.remote.internal;

/** Makes the connection that serves one accepted or inherited socket. */
@FunctionalInterface
interface ConnectionFactory {

    /**
     * A connection over a socket.
     *
     * @param fd the connected socket; the connection owns it
     * @return the connection, not yet serving
     */
    MpqemuConnection connect(int fd);
}
