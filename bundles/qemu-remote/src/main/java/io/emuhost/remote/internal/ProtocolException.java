package io.emuhost.remote.internal;

/**
 * Why a multi-process connection ended. The variants name the broken rule of the wire protocol
 * (QEMU 7.2 {@code include/hw/remote/mpqemu-link.h}, {@code hw/remote/mpqemu-link.c}) and carry
 * the bad value; the message is the one log line the connection leaves behind.
 */
abstract sealed class ProtocolException extends Exception
        permits ProtocolException.PeerClosed, ProtocolException.TruncatedMessage,
                ProtocolException.PayloadTooLarge, ProtocolException.UnknownCommand,
                ProtocolException.InvalidMessage, ProtocolException.SocketFailed,
                ProtocolException.DeviceUnavailable {

    private static final long serialVersionUID = 1L;

    private ProtocolException(String message) {
        super(message, null, false, false);
    }

    /** The peer closed the socket between two messages: the normal end of a connection. */
    static final class PeerClosed extends ProtocolException {
        private static final long serialVersionUID = 1L;

        PeerClosed() {
            super("the peer closed the connection");
        }
    }

    /** The socket ended inside a message (mpqemu_read: a short read is an error). */
    static final class TruncatedMessage extends ProtocolException {
        private static final long serialVersionUID = 1L;

        TruncatedMessage(String part, long expected, long received) {
            super(String.format("truncated message: the connection ended after %d of %d bytes of the %s",
                    received, expected, part));
        }
    }

    /** {@code size} exceeds the payload union (mpqemu-link.c mpqemu_msg_recv: size ≤ sizeof(data)). */
    static final class PayloadTooLarge extends ProtocolException {
        private static final long serialVersionUID = 1L;

        PayloadTooLarge(int cmd, long size) {
            super(String.format("message %d announces a payload of %s bytes; at most %d are allowed", cmd,
                    Long.toUnsignedString(size), Wire.MAX_PAYLOAD));
        }
    }

    /** {@code cmd} is no MPQemuCmd (mpqemu_msg_valid: 0 ≤ cmd &lt; MPQEMU_CMD_MAX). */
    static final class UnknownCommand extends ProtocolException {
        private static final long serialVersionUID = 1L;

        UnknownCommand(int cmd) {
            super(String.format("unknown command %d", cmd));
        }
    }

    /** A known command with the wrong payload size or fd count (mpqemu_msg_valid), or one the remote never receives. */
    static final class InvalidMessage extends ProtocolException {
        private static final long serialVersionUID = 1L;

        InvalidMessage(MpqemuCommand cmd, String rule) {
            super(String.format("invalid %s message: %s", cmd, rule));
        }
    }

    /** recvmsg(2) or send(2) failed, e.g. EPIPE or ECONNRESET when QEMU died. */
    static final class SocketFailed extends ProtocolException {
        private static final long serialVersionUID = 1L;

        SocketFailed(String call, int errno) {
            super(String.format("%s failed: %s", call, LibC.strerror(errno)));
        }
    }

    /** {@code devid} names no PCI function of the machine (QEMU remote-obj.c wording). */
    static final class DeviceUnavailable extends ProtocolException {
        private static final long serialVersionUID = 1L;

        DeviceUnavailable(String devid, boolean exists) {
            super(exists ? devid + " is not a PCI device" : "Device '" + devid + "' not found");
        }
    }
}
