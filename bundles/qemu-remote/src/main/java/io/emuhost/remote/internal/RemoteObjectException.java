package io.emuhost.remote.internal;

import io.emuhost.api.device.ConfigurationException;

/**
 * An {@code x-remote-object} that cannot be created. The variants name the broken rule; the
 * messages follow QEMU 7.2 (hw/remote/remote-obj.c, monitor/misc.c monitor_fd_param,
 * util/qemu-sockets.c) where QEMU has one.
 */
abstract sealed class RemoteObjectException extends ConfigurationException
        permits RemoteObjectException.FdOrSocketMissing, RemoteObjectException.FdAndSocketExclusive,
                RemoteObjectException.InvalidFdNumber, RemoteObjectException.FdNotASocket,
                RemoteObjectException.SocketPathTooLong, RemoteObjectException.SocketFailed {

    private static final long serialVersionUID = 1L;

    private RemoteObjectException(String message) {
        super(message);
    }

    /** Neither {@code fd} nor {@code socket}: there is no connection to serve. */
    static final class FdOrSocketMissing extends RemoteObjectException {
        private static final long serialVersionUID = 1L;

        FdOrSocketMissing() {
            super("Parameter 'fd' or 'socket' is missing");
        }
    }

    /** Both {@code fd} and {@code socket}: exactly one connection source is allowed. */
    static final class FdAndSocketExclusive extends RemoteObjectException {
        private static final long serialVersionUID = 1L;

        FdAndSocketExclusive() {
            super("Parameters 'fd' and 'socket' are mutually exclusive");
        }
    }

    /** {@code fd} is no decimal descriptor number (named fds of QMP getfd are not supported). */
    static final class InvalidFdNumber extends RemoteObjectException {
        private static final long serialVersionUID = 1L;

        InvalidFdNumber(String fd) {
            super("Could not parse remote object fd " + fd + ":Invalid file descriptor number '" + fd + "'");
        }
    }

    /** {@code fd} is not an open socket (remote-obj.c remote_object_set_fd: fd_is_socket). */
    static final class FdNotASocket extends RemoteObjectException {
        private static final long serialVersionUID = 1L;

        FdNotASocket(String fd) {
            super("File descriptor '" + fd + "' is not a socket");
        }
    }

    /** {@code socket} does not fit sockaddr_un (qemu-sockets.c unix_listen_saddr). */
    static final class SocketPathTooLong extends RemoteObjectException {
        private static final long serialVersionUID = 1L;

        SocketPathTooLong(String path) {
            super("UNIX socket path '" + path + "' is too long");
        }
    }

    /** socket(2), bind(2) or listen(2) failed: the message ends with strerror. */
    static final class SocketFailed extends RemoteObjectException {
        private static final long serialVersionUID = 1L;

        SocketFailed(String what, int errno) {
            super(what + ": " + LibC.strerror(errno));
        }
    }
}
