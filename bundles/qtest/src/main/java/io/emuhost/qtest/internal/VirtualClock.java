package io.emuhost.qtest.internal;

import java.util.PriorityQueue;

/**
 * The machine's virtual clock ({@code QEMU_CLOCK_VIRTUAL} under the qtest accelerator): time in
 * nanoseconds that only moves when a qtest client moves it, and timers that run when it passes
 * their deadline. It starts at 0 and never goes back. Timers run on the thread that moves the
 * clock, outside the clock's lock, in deadline order (then in the order they were scheduled),
 * with {@link #now()} equal to their deadline.
 */
public final class VirtualClock {

    /** A scheduled action; cancel it to keep it from running. */
    public static final class Timer implements Comparable<Timer> {
        private final long deadline;
        private final long sequence;
        private final Runnable action;

        private Timer(long deadline, long sequence, Runnable action) {
            this.deadline = deadline;
            this.sequence = sequence;
            this.action = action;
        }

        /** @return the virtual time at which the timer runs */
        public long deadline() {
            return deadline;
        }

        @Override
        public int compareTo(Timer other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }

    private final PriorityQueue<Timer> timers = new PriorityQueue<>();
    private long now;
    private long scheduled;

    /** @return the current virtual time in nanoseconds */
    public synchronized long now() {
        return now;
    }

    /**
     * Schedules an action; a deadline already passed runs at the next clock command.
     *
     * @param deadline virtual time in nanoseconds
     * @param action what to run
     * @return the timer, for {@link #cancel}
     */
    public synchronized Timer schedule(long deadline, Runnable action) {
        Timer timer = new Timer(deadline, scheduled++, action);
        timers.add(timer);
        return timer;
    }

    /**
     * Cancels a timer that has not run yet; does nothing otherwise.
     *
     * @param timer the timer
     */
    public synchronized void cancel(Timer timer) {
        timers.remove(timer);
    }

    /**
     * {@code clock_step} without argument: moves to the earliest deadline. Without timers the
     * clock stays where it is (QEMU warps to {@code now + -1}, which does nothing).
     * Every clock command runs the timers that are due when it ends.
     *
     * @return the time afterwards
     */
    public long stepToNextDeadline() {
        Timer next;
        synchronized (this) {
            next = timers.peek();
        }
        return next == null ? now() : warp(next.deadline);
    }

    /**
     * {@code clock_step NS}: moves forward by {@code ns}; zero or negative steps do nothing.
     *
     * @param ns the step
     * @return the time afterwards
     */
    public long step(long ns) {
        long from = now();
        long dest = ns > 0 && from > Long.MAX_VALUE - ns ? Long.MAX_VALUE : from + ns;
        return warp(dest);
    }

    /**
     * {@code clock_set NS}: moves forward to {@code ns}; a time in the past does nothing.
     *
     * @param ns the target time
     * @return the time afterwards
     */
    public long set(long ns) {
        return warp(ns);
    }

    /**
     * QEMU's {@code qtest_clock_warp}: runs every timer due by {@code dest} (or already due), each
     * at its deadline, then stops at {@code dest} unless the clock is already past it.
     */
    private long warp(long dest) {
        while (true) {
            Timer due;
            synchronized (this) {
                due = timers.peek();
                if (due == null || due.deadline > Math.max(dest, now)) {
                    now = Math.max(now, dest);
                    return now;
                }
                timers.poll();
                now = Math.max(now, due.deadline);
            }
            due.action.run();
        }
    }
}
