package io.emuhost.remote.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TCG workaround for the proxy's INTx (reference §1 item 7, §2, pitfall 1): under TCG the
 * irq eventfd reaches nobody, so each assert also sends one byte to a QEMU chardev socket whose
 * {@code pci-serial} sits in the proxied slot as function 1 and shares INTA#: the UART's receive
 * interrupt makes the guest run the shared handler, and virtio's reads its ISR. Connects as a
 * client (QEMU: {@code -chardev socket,id=kick,path=PATH,server=on,wait=off}) on the first ring
 * and again after the peer went away. Sends never block: a full socket means the guest has not
 * read the previous bytes, so its interrupt is pending anyway. Not thread-safe: its owner
 * serializes the calls.
 */
final class Doorbell implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Doorbell.class);

    private final String name;
    private final String path;
    private final Memory address;
    private final Memory one = new Memory(1);
    private final long oneAddress = Pointer.nativeValue(one);
    private int fd = -1;
    private boolean reportedFailure;
    /** A failure not yet logged: the connection logs it if it goes on ({@link #reportFailure}). */
    private final AtomicReference<String> pendingFailure = new AtomicReference<>();

    /**
     * A doorbell at a socket path.
     *
     * @param name the remote object's id, for log lines
     * @param path the chardev's socket path, or null for no doorbell
     */
    Doorbell(String name, String path) {
        this.name = name;
        this.path = path;
        one.setByte(0, (byte) 1);
        if (path == null) {
            this.address = null;
        } else {
            byte[] bytes = path.getBytes(StandardCharsets.UTF_8);
            this.address = new Memory(LibC.SOCKADDR_UN_SIZE);
            address.clear();
            address.setShort(0, (short) LibC.AF_UNIX);
            address.write(2, bytes, 0, Math.min(bytes.length, LibC.SUN_PATH_MAX - 1));
        }
    }

    /**
     * Whether there is a doorbell (and so a function 1 in the proxied slot).
     *
     * @return true if a path was given
     */
    boolean present() {
        return path != null;
    }

    /** Sends one byte, connecting first if needed. */
    void ring() {
        if (path == null || fd < 0 && !connect()) {
            return;
        }
        try {
            LibC.send(fd, oneAddress, 1, LibC.MSG_DONTWAIT | LibC.MSG_NOSIGNAL);
        } catch (LastErrorException e) {
            if (e.getErrorCode() != LibC.EAGAIN) {
                report("send", e.getErrorCode());
                close();
            }
        }
    }

    private boolean connect() {
        int socket;
        try {
            socket = LibC.socket(LibC.AF_UNIX, LibC.SOCK_STREAM | LibC.SOCK_CLOEXEC | LibC.SOCK_NONBLOCK, 0);
        } catch (LastErrorException e) {
            report("socket", e.getErrorCode());
            return false;
        }
        try {
            LibC.connect(socket, Pointer.nativeValue(address), LibC.SOCKADDR_UN_SIZE);
        } catch (LastErrorException e) {
            LibC.closeQuietly(socket);
            report("connect to " + path, e.getErrorCode());
            return false;
        }
        fd = socket;
        reportedFailure = false;
        LOG.info("{}: doorbell connected to {}", name, path);
        return true;
    }

    /**
     * One line per streak of failures, not one per interrupt, and only once the connection has
     * shown it goes on: when QEMU exits, its chardev socket may close a moment before the
     * connection does, and that is the connection's end, logged once by the connection.
     */
    private void report(String call, int errno) {
        if (!reportedFailure) {
            reportedFailure = true;
            pendingFailure.set(call + " failed: " + LibC.strerror(errno));
        }
    }

    /**
     * Logs a failure that happened while the connection went on (called between messages).
     *
     * @return whether a failure was logged
     */
    boolean reportFailure() {
        if (pendingFailure.get() == null) {
            return false;
        }
        String failure = pendingFailure.getAndSet(null);
        if (failure == null) {
            return false;
        }
        LOG.warn("{}: doorbell {}; interrupts reach a TCG guest only through polling until it works", name, failure);
        return true;
    }

    /**
     * Forgets a failure that the connection's end explains.
     *
     * @return whether there was one
     */
    boolean dropFailure() {
        String failure = pendingFailure.getAndSet(null);
        if (failure != null) {
            LOG.debug("{}: doorbell {} as the connection ended", name, failure);
        }
        return failure != null;
    }

    @Override
    public void close() {
        LibC.closeQuietly(fd);
        fd = -1;
    }
}
