package io.emuhost.cli.internal.chardev;

/** The chardev backends emuhost has: QEMU's {@code stdio} and {@code socket}. */
public sealed interface ChardevBackend {

    /** Standard input and output; at most one chardev may use them. */
    record Stdio() implements ChardevBackend {
    }

    /**
     * A stream socket.
     *
     * @param endpoint the Unix or TCP address
     * @param server listen ({@code server=on}) or connect ({@code server=off}, QEMU's default)
     * @param waitForClient {@code wait=on}: start-up waits until the first client connects
     *     (QEMU's default for a server)
     * @param noDelay {@code nodelay=on}: TCP_NODELAY on TCP connections
     */
    record Socket(SocketEndpoint endpoint, boolean server, boolean waitForClient, boolean noDelay)
            implements ChardevBackend {
    }
}
