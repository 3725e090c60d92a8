package io.emuhost.remote.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/**
 * One connected AF_UNIX stream socket of the multi-process link: exact-length receives that
 * collect SCM_RIGHTS descriptors (recvmsg(2) with a control buffer), and sends with optional
 * descriptors (sendmsg(2)). The msghdr, iovec and control buffer are allocated once; a receive
 * or send allocates nothing. One thread receives and sends; {@link #shutdown()} may come from
 * another thread to wake it.
 */
final class MessageSocket implements AutoCloseable {

    // struct msghdr (x86_64): name @0, namelen @8, iov @16, iovlen @24, control @32, controllen @40, flags @48
    private static final int MSGHDR_SIZE = 56;
    private static final int MSG_IOV = 16;
    private static final int MSG_IOVLEN = 24;
    private static final int MSG_CONTROL = 32;
    private static final int MSG_CONTROLLEN = 40;
    private static final int MSG_FLAGS = 48;
    // struct iovec: base @0, len @8
    private static final int IOVEC_SIZE = 16;
    // struct cmsghdr: len @0 (size_t), level @8, type @12, data @16 (CMSG_DATA)
    private static final int CMSG_HEADER = 16;
    private static final int CONTROL_SIZE = CMSG_HEADER + 4 * ReceivedFds.CAPACITY;

    private final int fd;
    private final Memory msghdr = new Memory(MSGHDR_SIZE);
    private final Memory iovec = new Memory(IOVEC_SIZE);
    private final Memory control = new Memory(CONTROL_SIZE);
    private final long msghdrAddress = Pointer.nativeValue(msghdr);
    private final long iovecAddress = Pointer.nativeValue(iovec);
    private final long controlAddress = Pointer.nativeValue(control);
    private boolean closed;

    /**
     * Takes ownership of a connected stream socket.
     *
     * @param fd the socket
     */
    MessageSocket(int fd) {
        this.fd = fd;
        msghdr.clear();
        msghdr.setLong(MSG_IOV, iovecAddress);
        msghdr.setLong(MSG_IOVLEN, 1);
    }

    int fd() {
        return fd;
    }

    /**
     * Receives exactly {@code length} bytes, adding every descriptor that comes with them.
     *
     * @param address where the bytes go
     * @param length how many
     * @param fds where the descriptors go
     * @param part what is being read, for the error
     * @param atBoundary whether an end of stream before the first byte is a clean close
     * @throws ProtocolException the stream ended early or recvmsg failed
     */
    void receive(long address, int length, ReceivedFds fds, String part, boolean atBoundary)
            throws ProtocolException {
        int done = 0;
        while (done < length) {
            iovec.setLong(0, address + done);
            iovec.setLong(8, length - done);
            msghdr.setLong(MSG_CONTROL, controlAddress);
            msghdr.setLong(MSG_CONTROLLEN, CONTROL_SIZE);
            msghdr.setInt(MSG_FLAGS, 0);
            long n;
            try {
                n = LibC.recvmsg(fd, msghdrAddress, LibC.MSG_CMSG_CLOEXEC);
            } catch (LastErrorException e) {
                if (e.getErrorCode() == LibC.EINTR) {
                    continue;
                }
                throw new ProtocolException.SocketFailed("recvmsg", e.getErrorCode());
            }
            collect(fds);
            if (n == 0) {
                if (done == 0 && atBoundary) {
                    throw new ProtocolException.PeerClosed();
                }
                throw new ProtocolException.TruncatedMessage(part, length, done);
            }
            done += (int) n;
        }
    }

    /** Walks the control messages (CMSG_FIRSTHDR/CMSG_NXTHDR) and takes every SCM_RIGHTS fd. */
    private void collect(ReceivedFds fds) {
        if ((msghdr.getInt(MSG_FLAGS) & LibC.MSG_CTRUNC) != 0) {
            fds.markOverflow(); // the kernel dropped (and closed) what did not fit
        }
        long length = msghdr.getLong(MSG_CONTROLLEN);
        long offset = 0;
        while (offset + CMSG_HEADER <= length) {
            long cmsgLen = control.getLong(offset);
            if (cmsgLen < CMSG_HEADER || offset + cmsgLen > length) {
                break;
            }
            if (control.getInt(offset + 8) == LibC.SOL_SOCKET && control.getInt(offset + 12) == LibC.SCM_RIGHTS) {
                int n = (int) ((cmsgLen - CMSG_HEADER) / 4);
                for (int i = 0; i < n; i++) {
                    fds.add(control.getInt(offset + CMSG_HEADER + 4L * i));
                }
            }
            offset += (cmsgLen + 7) & ~7L;
        }
    }

    /**
     * Sends bytes, with descriptors on the first sendmsg (the receiver takes them with the first
     * byte), retrying until all bytes are out. MSG_NOSIGNAL: a dead peer is an EPIPE error, not a
     * signal.
     *
     * @param address the bytes
     * @param length how many
     * @param sendFds descriptors to pass, or null
     * @param fdCount how many of them
     * @throws ProtocolException sendmsg failed
     */
    void send(long address, int length, int[] sendFds, int fdCount) throws ProtocolException {
        int done = 0;
        boolean withFds = fdCount > 0;
        while (done < length) {
            iovec.setLong(0, address + done);
            iovec.setLong(8, length - done);
            if (withFds) {
                control.setLong(0, CMSG_HEADER + 4L * fdCount);
                control.setInt(8, LibC.SOL_SOCKET);
                control.setInt(12, LibC.SCM_RIGHTS);
                for (int i = 0; i < fdCount; i++) {
                    control.setInt(CMSG_HEADER + 4L * i, sendFds[i]);
                }
                msghdr.setLong(MSG_CONTROL, controlAddress);
                msghdr.setLong(MSG_CONTROLLEN, (CMSG_HEADER + 4L * fdCount + 7) & ~7L);
            } else {
                msghdr.setLong(MSG_CONTROL, 0);
                msghdr.setLong(MSG_CONTROLLEN, 0);
            }
            msghdr.setInt(MSG_FLAGS, 0);
            try {
                done += (int) LibC.sendmsg(fd, msghdrAddress, LibC.MSG_NOSIGNAL);
                withFds = false;
            } catch (LastErrorException e) {
                if (e.getErrorCode() != LibC.EINTR) {
                    throw new ProtocolException.SocketFailed("sendmsg", e.getErrorCode());
                }
            }
        }
    }

    /** Wakes a thread blocked in {@link #receive}: it sees the end of the stream. */
    synchronized void shutdown() {
        if (!closed) {
            try {
                LibC.shutdown(fd, LibC.SHUT_RDWR);
            } catch (LastErrorException e) {
                // not connected any more: the receiver is awake already
            }
        }
    }

    /** Closes the socket once; later shutdowns do nothing, so a reused fd number is never touched. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            LibC.closeQuietly(fd);
        }
    }
}
