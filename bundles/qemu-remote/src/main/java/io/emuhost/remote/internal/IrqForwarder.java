package io.emuhost.remote.internal;

import com.sun.jna.LastErrorException;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The function's INTx line towards QEMU, with KVM irqfd semantics (hw/remote/iohub.c;
 * reference §1 item 7): when the GSI the function is routed to is asserted, an 8-byte 1 is
 * written to the irq eventfd of SET_IRQFD; when the resample eventfd fires (KVM: at EOI, after
 * it lowered the line) and the level is still high, the irq eventfd is written again. A small
 * thread ({@code mpqemu-<id>-resample}) polls the resample eventfd and a private wake eventfd.
 * The proxy has no MSI (reference §1 item 8): MSI deliveries are ignored. Under TCG the eventfds
 * reach nobody; a {@link Doorbell} is rung on each rising edge as well.
 *
 * <p>Listener calls arrive on device threads with the machine's line locked; they take only
 * this object's lock and make one write(2), and never call back into the machine.
 */
final class IrqForwarder implements io.emuhost.api.irq.InterruptListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IrqForwarder.class);

    /** The machine's I/O APIC inputs. */
    private static final int GSI_COUNT = 24;
    private static final int POLLFD_SIZE = 8;

    private final String name;
    private final Doorbell doorbell;
    private final Object lock = new Object();
    private final boolean[] levels = new boolean[GSI_COUNT];
    private final Memory one = new Memory(8);
    private final Memory scratch = new Memory(8);
    private final Memory pollfds = new Memory(2 * POLLFD_SIZE);
    private final long oneAddress = Pointer.nativeValue(one);
    private final long scratchAddress = Pointer.nativeValue(scratch);
    private final int wakeFd;
    private final Thread resampler;
    // guarded by lock
    private int gsi = -1;
    private int irqFd = -1;
    private int resampleFd = -1;
    private int generation;
    private int brokenGeneration = -1;
    private boolean closed;

    /**
     * Creates the forwarder with no eventfds yet and starts its resample thread.
     *
     * @param name the remote object's id, for the thread name and log lines
     * @param doorbell rung on every assert as well (TCG); owned and closed here
     */
    IrqForwarder(String name, Doorbell doorbell) {
        this.name = name;
        this.doorbell = doorbell;
        one.setLong(0, 1);
        this.wakeFd = LibC.eventfd(0, LibC.EFD_CLOEXEC | LibC.EFD_NONBLOCK);
        this.resampler = new Thread(this::resampleLoop, "mpqemu-" + name + "-resample");
        resampler.setDaemon(true);
        resampler.start();
    }

    /**
     * SET_IRQFD: takes the two eventfds and closes the previous ones. If the line is high, the
     * new irq eventfd is signalled at once.
     *
     * @param irq the irq eventfd, owned from now on
     * @param resample the resample eventfd, owned from now on
     */
    void eventfds(int irq, int resample) {
        int oldIrq;
        int oldResample;
        synchronized (lock) {
            if (closed) {
                LibC.closeQuietly(irq);
                LibC.closeQuietly(resample);
                return;
            }
            oldIrq = irqFd;
            oldResample = resampleFd;
            irqFd = irq;
            resampleFd = resample;
            generation++;
            LibC.closeQuietly(oldIrq);
            LibC.closeQuietly(oldResample);
            if (gsi >= 0 && levels[gsi]) {
                signalLocked();
            }
        }
        wake();
    }

    /**
     * Follows the function's Interrupt Line register: the GSI whose level is forwarded.
     *
     * @param interruptLine the register value; 0, 0xff and values ≥ 24 leave the line unrouted,
     *     as the machine's RoutedIntxLine does
     */
    void route(int interruptLine) {
        synchronized (lock) {
            int previous = gsi;
            gsi = interruptLine > 0 && interruptLine < GSI_COUNT ? interruptLine : -1;
            if (gsi >= 0 && gsi != previous && levels[gsi]) {
                signalLocked();
                doorbell.ring();
            }
        }
    }

    @Override
    public void msi(long address, int data) {
        // the proxy emulates no MSI (reference §1 item 8)
    }

    @Override
    public void intx(int line, boolean asserted) {
        if (line < 0 || line >= GSI_COUNT) {
            return;
        }
        synchronized (lock) {
            boolean rising = asserted && !levels[line];
            levels[line] = asserted;
            if (rising && line == gsi) {
                signalLocked();
                doorbell.ring();
            }
        }
    }

    /** KVM irqfd: an 8-byte write of 1 to the eventfd asserts the routed GSI. */
    private void signalLocked() {
        if (irqFd < 0) {
            return;
        }
        try {
            LibC.write(irqFd, oneAddress, 8);
        } catch (LastErrorException e) {
            // EAGAIN: the counter is saturated, the interrupt is pending anyway
            if (e.getErrorCode() != LibC.EAGAIN) {
                LOG.warn("{}: writing the irq eventfd failed: {}", name, LibC.strerror(e.getErrorCode()));
            }
        }
    }

    private void wake() {
        try {
            LibC.write(wakeFd, oneAddress, 8);
        } catch (LastErrorException e) {
            // saturated: the resampler wakes anyway
        }
    }

    private void resampleLoop() {
        while (true) {
            int fd;
            int seen;
            synchronized (lock) {
                if (closed) {
                    return;
                }
                fd = brokenGeneration == generation ? -1 : resampleFd;
                seen = generation;
            }
            pollfds.setInt(0, fd); // poll(2) ignores negative fds
            pollfds.setShort(4, LibC.POLLIN);
            pollfds.setShort(6, (short) 0);
            pollfds.setInt(POLLFD_SIZE, wakeFd);
            pollfds.setShort(POLLFD_SIZE + 4, LibC.POLLIN);
            pollfds.setShort(POLLFD_SIZE + 6, (short) 0);
            try {
                LibC.poll(Pointer.nativeValue(pollfds), 2, -1);
            } catch (LastErrorException e) {
                continue; // EINTR
            }
            if (pollfds.getShort(POLLFD_SIZE + 6) != 0) {
                drain(wakeFd);
            }
            short revents = pollfds.getShort(6);
            if (revents != 0) {
                resampled(fd, seen, revents);
            }
        }
    }

    /** The resample eventfd fired: re-assert if the line is still high (KVM_IRQFD_FLAG_RESAMPLE). */
    private void resampled(int fd, int seen, short revents) {
        synchronized (lock) {
            if (closed || seen != generation) {
                return; // replaced meanwhile: the number may belong to something else now
            }
            if ((revents & LibC.POLLIN) == 0) {
                LOG.warn("{}: the resample eventfd failed (poll revents 0x{}); ignoring it until the next SET_IRQFD",
                        name, Integer.toHexString(revents));
                brokenGeneration = generation;
                return;
            }
            drain(fd);
            if (gsi >= 0 && levels[gsi]) {
                signalLocked();
            }
        }
    }

    private void drain(int fd) {
        try {
            LibC.read(fd, scratchAddress, 8);
        } catch (LastErrorException e) {
            // EAGAIN: drained by someone else
        }
    }

    /** Stops the resample thread, joins it and closes the eventfds. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        wake();
        try {
            resampler.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (lock) {
            LibC.closeQuietly(irqFd);
            LibC.closeQuietly(resampleFd);
            irqFd = -1;
            resampleFd = -1;
            doorbell.close();
        }
        LibC.closeQuietly(wakeFd);
    }
}
