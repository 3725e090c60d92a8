package io.emuhost.machine.internal.handover;

import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.MemoryBackend;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The memory backend the machine and its devices hold for a backend a factory service made. It
 * forwards to that backend and lets the machine exchange it for the same memory adopted by
 * another version of the factory while the guest runs (live upgrade):
 *
 * <ol>
 *   <li>{@link #hold()}: flush tasks devices hand to {@link #flushExecutor()} are queued from now
 *       on (the old backend runs those it accepted while it hands over; one it rejects because it
 *       has already stopped is queued too);</li>
 *   <li>the old backend is suspended, and {@link #suspended()} marks that its descriptor is gone:
 *       {@link #flush()} now waits, bounded, for the next step;</li>
 *   <li>{@link #resume(MemoryBackend)} puts the adopting backend in place and hands it the queued
 *       tasks.</li>
 * </ol>
 *
 * <p>The guest's memory never moves: the windows and the host address are the same memory before
 * and after, so guest accesses go on throughout. While live, neither a flush nor a submission
 * takes a lock: both read the volatile phase, and a submission that raced a hold and was
 * rejected by the stopping backend is queued for the next one.
 */
public final class BackendHandle implements MemoryBackend {

    private enum Phase { LIVE, HOLDING, SUSPENDED }

    private final long timeoutNanos;
    private final Object released = new Object();
    /** Tasks submitted while held; also guards the hand-back in {@link #release}. */
    private final List<Runnable> heldTasks = new ArrayList<>();
    private final Executor executor = this::submit;
    private volatile MemoryBackend current;
    private volatile Executor currentExecutor;
    private volatile Phase phase = Phase.LIVE;

    /**
     * Wraps a backend.
     *
     * @param backend the backend a factory made
     * @param flushTimeout how long a flush waits for a backend being handed over
     */
    public BackendHandle(MemoryBackend backend, Duration flushTimeout) {
        this.current = backend;
        this.currentExecutor = backend.flushExecutor();
        this.timeoutNanos = flushTimeout.toNanos();
    }

    /**
     * The backend behind the handle: while handed over, the one that was suspended.
     *
     * @return the backend
     */
    public MemoryBackend current() {
        return current;
    }

    /**
     * Whether the backend was suspended and waits for a factory to adopt it.
     *
     * @return true while suspended
     */
    public boolean isSuspended() {
        return phase == Phase.SUSPENDED;
    }

    /**
     * Queues flush tasks from now on.
     *
     * @return the backend to suspend
     */
    public MemoryBackend hold() {
        synchronized (heldTasks) {
            phase = Phase.HOLDING;
            return current;
        }
    }

    /** The held backend gave up its descriptor: flushes wait for the adopting one. */
    public void suspended() {
        phase = Phase.SUSPENDED;
    }

    /**
     * Puts the adopting backend in place and gives it the queued flush tasks, in order.
     *
     * @param next the backend that adopted the memory
     * @throws IllegalArgumentException if it has another id, type or size
     */
    public void resume(MemoryBackend next) {
        MemoryBackend old = current;
        if (!old.id().equals(next.id()) || !old.type().equals(next.type()) || old.size() != next.size()) {
            throw new IllegalArgumentException("backend " + next.id() + " (" + next.type() + ", " + next.size()
                    + " bytes) cannot take the place of " + old.id() + " (" + old.type() + ", " + old.size() + ")");
        }
        release(next);
    }

    /**
     * Ends a hold: the given backend serves (the held one again, when the hand-over could not
     * start), and the queued tasks go to it.
     *
     * @param backend the backend to serve from now on
     */
    public void release(MemoryBackend backend) {
        synchronized (heldTasks) {
            current = backend;
            currentExecutor = backend.flushExecutor();
            phase = Phase.LIVE;
            for (Runnable task : heldTasks) {
                currentExecutor.execute(task);
            }
            heldTasks.clear();
        }
        synchronized (released) {
            released.notifyAll();
        }
    }

    private void submit(Runnable task) {
        for (;;) {
            Executor target = currentExecutor;
            if (phase != Phase.LIVE) {
                break;
            }
            try {
                target.execute(task);
                return;
            } catch (RejectedExecutionException e) {
                // a hand-over stopped that backend after our look at the phase: queue the task,
                // or give it to the backend that took over meanwhile
                if (phase == Phase.LIVE && target == currentExecutor) {
                    throw e;
                }
            }
        }
        synchronized (heldTasks) {
            if (phase == Phase.LIVE) {
                currentExecutor.execute(task);
            } else {
                heldTasks.add(task);
            }
        }
    }

    /**
     * Flushes the current backend; while it is suspended, first waits (bounded) for the adopting
     * one. Live, this takes no lock: the phase is volatile, and a hand-over that begins just after
     * the check is the same race as one that begins just after the wait.
     */
    @Override
    public void flush() throws IOException {
        if (phase != Phase.SUSPENDED) {
            current.flush();
            return;
        }
        awaitAdoption();
        current.flush();
    }

    private void awaitAdoption() throws IOException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (released) {
            while (phase == Phase.SUSPENDED) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IOException("memory backend " + id() + " is being handed over to another version of its"
                            + " bundle");
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(released, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while memory backend " + id() + " is handed over", e);
                }
            }
        }
    }

    /** A stable executor: tasks go to the current backend's flush thread, or wait for the next one. */
    @Override
    public Executor flushExecutor() {
        return executor;
    }

    @Override
    public String id() {
        return current.id();
    }

    @Override
    public String type() {
        return current.type();
    }

    @Override
    public long size() {
        return current.size();
    }

    @Override
    public long alignment() {
        return current.alignment();
    }

    @Override
    public boolean shared() {
        return current.shared();
    }

    @Override
    public boolean readOnly() {
        return current.readOnly();
    }

    @Override
    public long hostAddress() {
        return current.hostAddress();
    }

    @Override
    public int windowCount() {
        return current.windowCount();
    }

    @Override
    public ByteBuffer window(int index) {
        return current.window(index);
    }

    @Override
    public MemdevInfo info() {
        return current.info();
    }

    @Override
    public Map<String, Object> qomProperties() {
        return current.qomProperties();
    }

    /** Closes the backend; the machine never closes a suspended one (it owns nothing then). */
    @Override
    public void close() {
        current.close();
    }

    /** Abandons the backend (a failed start undoes its creation). */
    @Override
    public void abandon() {
        current.abandon();
    }

    @Override
    public String toString() {
        return current.toString();
    }
}
