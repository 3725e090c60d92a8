package io.emuhost.backend.file.internal;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A backend's flush executor: one daemon thread running tasks in submission order. Submitting
 * takes no lock and allocates nothing, so a device's notifying thread can hand work over on every
 * request: tasks go into a bounded array queue (Vyukov's bounded MPMC queue, used here with one
 * consumer), and the thread, parked while there is nothing to do, is unparked.
 *
 * <p>{@link #shutdown()} rejects later tasks and lets the thread run the accepted ones, then end.
 * A task is either accepted and run, or rejected: submitters announce themselves in a counter
 * whose low bit is the shutdown flag, and the thread ends only once the flag is set, no submitter
 * is in flight and the queue is empty. With more than {@link #CAPACITY} tasks queued a submitter
 * waits for room.
 */
final class FlushThread implements Executor {

    /** How many tasks may wait; far more than the devices of one backend ever queue. */
    static final int CAPACITY = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(FlushThread.class);
    private static final int SHUTDOWN = 1;
    private static final int SUBMITTER = 2;

    private final AtomicReferenceArray<Runnable> tasks = new AtomicReferenceArray<>(CAPACITY);
    /** Per slot: the position that may fill it next (free), or that position + 1 (filled). */
    private final AtomicLongArray sequence = new AtomicLongArray(CAPACITY);
    private final AtomicLong tail = new AtomicLong();
    private final AtomicInteger state = new AtomicInteger();
    private final AtomicInteger started = new AtomicInteger();
    private final Thread thread;
    /** The next position to run; the thread's own. */
    private long head;

    /**
     * Creates the thread, not started: {@link #start()} or the first task starts it. The thread
     * is created here, so it carries the access-control context of the backend's creator.
     *
     * @param name the thread's name
     */
    FlushThread(String name) {
        for (int i = 0; i < CAPACITY; i++) {
            sequence.set(i, i);
        }
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
    }

    /** Starts the thread now, if it has not started. */
    void start() {
        if (started.compareAndSet(0, 1)) {
            thread.start();
        }
    }

    /**
     * The thread tasks run on.
     *
     * @return the thread, perhaps not started
     */
    Thread thread() {
        return thread;
    }

    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task);
        if ((state.getAndAdd(SUBMITTER) & SHUTDOWN) != 0) {
            state.getAndAdd(-SUBMITTER);
            throw new RejectedExecutionException(thread.getName() + " is shut down");
        }
        try {
            while (!offer(task)) {
                Thread.yield(); // full: wait for room
            }
        } finally {
            state.getAndAdd(-SUBMITTER);
        }
        start();
        LockSupport.unpark(thread);
    }

    /** Rejects tasks from now on; the accepted ones still run, then the thread ends. */
    void shutdown() {
        state.getAndAccumulate(SHUTDOWN, (current, bit) -> current | bit);
        if (started.get() == 0) {
            start(); // ends at once unless a task came in meanwhile
        }
        LockSupport.unpark(thread);
    }

    /**
     * Waits for the thread to end after {@link #shutdown()}.
     *
     * @param timeout how long at most
     * @param unit its unit
     * @return true if the thread has ended
     * @throws InterruptedException if the waiting thread is interrupted
     */
    boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        thread.join(Math.max(1, unit.toMillis(timeout)));
        return !thread.isAlive();
    }

    private boolean offer(Runnable task) {
        long position = tail.get();
        for (;;) {
            int slot = (int) (position & (CAPACITY - 1));
            long free = sequence.get(slot) - position;
            if (free == 0) {
                if (tail.compareAndSet(position, position + 1)) {
                    tasks.set(slot, task);
                    sequence.set(slot, position + 1);
                    return true;
                }
                position = tail.get();
            } else if (free < 0) {
                return false;
            } else {
                position = tail.get();
            }
        }
    }

    private Runnable poll() {
        int slot = (int) (head & (CAPACITY - 1));
        if (sequence.get(slot) != head + 1) {
            return null; // empty, or the submitter of this position is still writing it
        }
        Runnable task = tasks.get(slot);
        tasks.set(slot, null);
        sequence.set(slot, head + CAPACITY);
        head++;
        return task;
    }

    private void loop() {
        for (;;) {
            Runnable task = poll();
            if (task == null && state.get() == SHUTDOWN) {
                // no submitter in flight: whatever was accepted is published
                task = poll();
                if (task == null) {
                    return;
                }
            }
            if (task != null) {
                run(task);
            } else {
                LockSupport.park(this);
            }
        }
    }

    private void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            LOG.warn("{}: a flush task failed", thread.getName(), e);
        }
    }
}
