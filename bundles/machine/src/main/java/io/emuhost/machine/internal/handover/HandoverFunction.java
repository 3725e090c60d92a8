package io.emuhost.machine.internal.handover;

import io.emuhost.api.bus.IoHandler;
import io.emuhost.api.bus.MmioBar;
import io.emuhost.api.bus.PciBar;
import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.bus.PciIdentity;
import io.emuhost.api.bus.PciSlot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The function the bus holds for a device a factory service made. It forwards every access to
 * the device's own function and lets the machine exchange that function for another one with
 * the same layout while the guest runs (live device upgrade):
 *
 * <ol>
 *   <li>{@link #hold()} waits for the accesses in flight; from then on writes (MMIO and
 *       configuration space) are posted into a bounded buffer, in order, and reads wait, as a
 *       CPU waits on a non-posted read, at most the read timeout (then they read all ones, as an
 *       absent function does);</li>
 *   <li>the device behind the old function is saved and a new one restored from that state;</li>
 *   <li>{@link #resume(PciFunction)} plugs the new function into the slot, replays the posted
 *       writes into it and releases the waiting readers.</li>
 * </ol>
 *
 * <p>Accesses take the read side of a {@link StampedLock} (no allocation, no contention between
 * accesses); only hold and resume take the write side.
 */
public final class HandoverFunction implements PciFunction {

    /** The space number of configuration-space writes in the posted-write buffer. */
    static final int CONFIG_SPACE = -1;
    private static final int BAR_COUNT = 6;
    private static final int POSTED_WRITES = 1024;
    private static final Logger LOG = LoggerFactory.getLogger(HandoverFunction.class);

    private final String name;
    private final PciIdentity identity;
    private final int capabilityPointer;
    /** The BARs as the guest knows them, without the registers of the function that had them. */
    private final List<BarShape> layout;
    private final List<PciBar> bars;
    private final long timeoutNanos;
    private final StampedLock gate = new StampedLock();
    private final Object released = new Object();
    private final PostedWrites posted = new PostedWrites(POSTED_WRITES);
    private final IoHandler[] handlers = new IoHandler[BAR_COUNT];
    private volatile PciFunction current;
    private volatile boolean removed;
    /** When the current hold began (System.nanoTime), for the bound on waiting accesses. */
    private volatile long heldSince;
    /** Whether this hold already reported that it outlasted the bound. */
    private volatile boolean overdueReported;
    private PciSlot slot;

    /**
     * Wraps a device's function.
     *
     * @param name the device, for log lines
     * @param function the device's function
     * @param readTimeout how long a read waits for a held function
     */
    public HandoverFunction(String name, PciFunction function, Duration readTimeout) {
        this.name = name;
        this.identity = function.identity();
        this.capabilityPointer = function.capabilityPointer();
        this.layout = BarShape.of(function.bars());
        this.timeoutNanos = readTimeout.toNanos();
        List<PciBar> forwarding = new ArrayList<>();
        for (PciBar bar : function.bars()) {
            forwarding.add(bar instanceof MmioBar mmio
                    ? new MmioBar(mmio.index(), mmio.size(), mmio.is64Bit(), mmio.prefetchable(), new Forward(mmio.index()))
                    : bar);
        }
        this.bars = List.copyOf(forwarding);
        target(function);
    }

    /**
     * The function accesses go to now.
     *
     * @return the function, or null while held
     */
    public PciFunction current() {
        long stamp = gate.readLock();
        try {
            return current;
        } finally {
            gate.unlockRead(stamp);
        }
    }

    /**
     * Holds the guest's accesses: returns once no access is in flight; the function that served
     * them gets none from now on until {@link #resume}.
     *
     * @return the function that was current, or null if already held
     */
    public PciFunction hold() {
        long stamp = gate.writeLock();
        try {
            PciFunction old = current;
            current = null;
            heldSince = System.nanoTime();
            overdueReported = false;
            return old;
        } finally {
            gate.unlockWrite(stamp);
        }
    }

    /**
     * Puts a function with the same layout in place: plugs it into the slot, replays the writes
     * posted while held, in order, and releases waiting readers.
     *
     * @param function the restored function, not plugged yet
     * @throws LayoutMismatchException if its identity, BARs or capability pointer differ; the
     *     function stays held
     */
    public void resume(PciFunction function) throws LayoutMismatchException {
        checkLayout(function);
        function.plug(slot);
        release(function);
    }

    /**
     * Ends a hold without a hand-over: the function that was held serves again, posted writes
     * first.
     *
     * @param function the function {@link #hold()} returned, still plugged
     */
    public void release(PciFunction function) {
        long stamp = gate.writeLock();
        try {
            target(function);
            posted.replay(this::forward);
        } finally {
            gate.unlockWrite(stamp);
        }
        synchronized (released) {
            released.notifyAll();
        }
    }

    private void checkLayout(PciFunction function) throws LayoutMismatchException {
        if (!identity.equals(function.identity())) {
            throw new LayoutMismatchException("identity", identity, function.identity());
        }
        if (capabilityPointer != function.capabilityPointer()) {
            throw new LayoutMismatchException("capability pointer", capabilityPointer, function.capabilityPointer());
        }
        List<BarShape> next = BarShape.of(function.bars());
        if (!layout.equals(next)) {
            throw new LayoutMismatchException("BARs", layout, next);
        }
    }

    private void target(PciFunction function) {
        current = function;
        for (PciBar bar : function.bars()) {
            if (bar instanceof MmioBar mmio) {
                handlers[mmio.index()] = mmio.handler();
            }
        }
    }

    @Override
    public PciIdentity identity() {
        return identity;
    }

    @Override
    public List<PciBar> bars() {
        return bars;
    }

    @Override
    public int capabilityPointer() {
        return capabilityPointer;
    }

    @Override
    public int readConfig(int offset, int size) {
        return (int) read(CONFIG_SPACE, offset, size);
    }

    @Override
    public void writeConfig(int offset, int size, int value) {
        write(CONFIG_SPACE, offset, size, value);
    }

    /** Plugs the current function; the slot is kept for the functions that take its place. */
    @Override
    public void plug(PciSlot newSlot) {
        long stamp = gate.writeLock();
        try {
            slot = newSlot;
        } finally {
            gate.unlockWrite(stamp);
        }
        current().plug(newSlot);
    }

    /**
     * Resets the current function; a held one is being handed over and keeps its state (the
     * reset is logged and dropped, as a reset of an absent function is).
     */
    @Override
    public void reset() {
        long stamp = gate.readLock();
        try {
            if (current != null) {
                current.reset();
                return;
            }
        } finally {
            gate.unlockRead(stamp);
        }
        LOG.warn("{}: reset while the device is handed over; dropped", name);
    }

    /**
     * Unplugs the current function; a held one has no function to unplug: its posted writes are
     * dropped and waiting readers read all ones.
     */
    @Override
    public void unplug() {
        PciFunction function;
        long stamp = gate.writeLock();
        try {
            function = current;
            removed = true;
            int dropped = posted.clear();
            if (dropped > 0) {
                LOG.info("{}: unplugged while held; {} posted writes dropped", name, dropped);
            }
        } finally {
            gate.unlockWrite(stamp);
        }
        synchronized (released) {
            released.notifyAll();
        }
        if (function != null) {
            function.unplug();
        }
    }

    private long read(int space, long offset, int size) {
        for (;;) {
            long stamp = gate.readLock();
            try {
                if (current != null) {
                    return space == CONFIG_SPACE ? current.readConfig((int) offset, size)
                            : handlers[space].read(offset, size);
                }
                if (removed) {
                    return allOnes(size);
                }
            } finally {
                gate.unlockRead(stamp);
            }
            if (!awaitRelease(deadline())) {
                reportOverdue();
                return allOnes(size);
            }
        }
    }

    private void write(int space, long offset, int size, long value) {
        for (;;) {
            long stamp = gate.readLock();
            try {
                if (current != null) {
                    forward(space, offset, size, value);
                    return;
                }
                if (removed || posted.offer(space, offset, size, value)) {
                    return;
                }
            } finally {
                gate.unlockRead(stamp);
            }
            if (!awaitRelease(deadline())) {
                reportOverdue();
                return; // the posted-write buffer is full: dropped, as writes to an absent function are
            }
        }
    }

    private void forward(int space, long offset, int size, long value) {
        if (space == CONFIG_SPACE) {
            current.writeConfig((int) offset, size, (int) value);
        } else {
            handlers[space].write(offset, size, value);
        }
    }

    /** Once per hold: the device was not restored within the bound. */
    private void reportOverdue() {
        if (!overdueReported) {
            overdueReported = true;
            LOG.warn("{}: not restored within {} ms of its factory leaving; reads return all ones and writes"
                    + " beyond {} posted ones are dropped until a factory of its driver returns", name,
                    TimeUnit.NANOSECONDS.toMillis(timeoutNanos), POSTED_WRITES);
        }
    }

    /**
     * The bound counts from the start of the hold, not from each access: a function whose device
     * is not restored within it reads all ones at once from then on, so a guest scanning it (or
     * the bus it shares) is held up once, not once per access.
     */
    private long deadline() {
        return heldSince + timeoutNanos;
    }

    /** Waits for {@link #resume} or {@link #unplug}; false once the deadline has passed. */
    private boolean awaitRelease(long deadline) {
        synchronized (released) {
            if (current != null || removed) {
                return true; // released between the caller's look and now
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                TimeUnit.NANOSECONDS.timedWait(released, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return true;
        }
    }

    private static long allOnes(int size) {
        return size >= 8 ? -1L : (1L << 8 * size) - 1;
    }

    @Override
    public String toString() {
        return name;
    }

    /** A BAR's registers: the current function's handler for the same BAR. */
    private final class Forward implements IoHandler {

        private final int index;

        Forward(int index) {
            this.index = index;
        }

        @Override
        public long read(long offset, int size) {
            return HandoverFunction.this.read(index, offset, size);
        }

        @Override
        public void write(long offset, int size, long value) {
            HandoverFunction.this.write(index, offset, size, value);
        }
    }
}
