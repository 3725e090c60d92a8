package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;

/**
 * The token bucket behind a {@link FlushLimit}, in exact integer arithmetic: the credit is kept
 * in nano-tokens ({@value #ONE} per fsync) and refills by {@code opsPerSecond} nano-tokens per
 * elapsed nanosecond, up to {@code bucketSize} tokens. It starts full. The clock is the caller's:
 * every method takes the time in nanoseconds ({@link System#nanoTime()} in production).
 *
 * <p>Threads: {@link #limit(FlushLimit)} and {@link #limit()} from any thread (one volatile
 * reference); the rest from one thread at a time, the flush worker (or the device while
 * quiesced). A new limit is applied by the worker at its next call: the credit earned under the
 * old limit up to then is kept, cut to the new bucket size; from unlimited the bucket starts full.
 * Nothing is allocated per call.
 */
final class FlushTokenBucket {

    /** Nano-tokens per token. */
    static final long ONE = 1_000_000_000L;

    private static final String STATE_OPS = "virtio-pmem.flush-ops";
    private static final String STATE_BURST = "virtio-pmem.flush-ops-burst";
    private static final String STATE_CREDIT = "virtio-pmem.flush-credit";

    private volatile FlushLimit limit;
    /** The limit {@link #credit} is counted in; the worker's. */
    private FlushLimit applied = FlushLimit.UNLIMITED;
    /** Nano-tokens; below 0 after a token taken without waiting (a drain). */
    private long credit;
    private long refilledAt;

    /**
     * Creates a bucket.
     *
     * @param limit the first limit
     */
    FlushTokenBucket(FlushLimit limit) {
        this.limit = limit;
    }

    /** @return the limit in force (or about to be, at the worker's next call) */
    FlushLimit limit() {
        return limit;
    }

    /**
     * Sets the limit; any thread.
     *
     * @param next the new limit
     */
    void limit(FlushLimit next) {
        limit = next;
    }

    /**
     * How long until a token is there.
     *
     * @param now the time, nanoseconds
     * @return 0 if one is there (or nothing is limited), else the nanoseconds to wait, at least 1
     */
    long delayNanos(long now) {
        refill(now);
        if (!applied.limited() || credit >= ONE) {
            return 0;
        }
        long missing = ONE - credit;
        return (missing + applied.opsPerSecond() - 1) / applied.opsPerSecond();
    }

    /**
     * Takes a token, whether or not one is there (what is missing becomes debt, repaid by the
     * refill before the next token).
     *
     * @param now the time, nanoseconds
     */
    void take(long now) {
        refill(now);
        if (applied.limited()) {
            credit -= ONE;
        }
    }

    /**
     * The tokens there now, for tests and the monitor.
     *
     * @param now the time, nanoseconds
     * @return whole tokens, negative while in debt
     */
    long tokens(long now) {
        refill(now);
        return Math.floorDiv(credit, ONE);
    }

    private void refill(long now) {
        FlushLimit next = limit;
        if (next != applied) {
            if (applied.limited()) {
                accrue(now);
                credit = Math.min(credit, next.bucketSize() * ONE);
            } else {
                credit = next.bucketSize() * ONE;
            }
            applied = next;
            refilledAt = now;
            return;
        }
        if (applied.limited()) {
            accrue(now);
        }
        refilledAt = now;
    }

    /** Adds what {@code now - refilledAt} earned under {@link #applied}, up to the bucket size. */
    private void accrue(long now) {
        long full = applied.bucketSize() * ONE;
        long room = full - credit;
        if (room <= 0) {
            return;
        }
        long rate = applied.opsPerSecond();
        // elapsed capped where the bucket is full, so elapsed * rate cannot overflow
        long elapsed = Math.min(Math.max(0, now - refilledAt), room / rate + 1);
        credit = Math.min(full, credit + elapsed * rate);
    }

    /**
     * Saves the limit and the credit, so a live upgrade neither loses a limit set at run time
     * nor grants a fresh burst. Called while the device is quiesced.
     *
     * @param state where to
     * @param now the time, nanoseconds
     */
    void save(DeviceState.Builder state, long now) {
        refill(now);
        state.put(STATE_OPS, applied.opsPerSecond());
        state.put(STATE_BURST, applied.burst());
        state.put(STATE_CREDIT, credit);
    }

    /**
     * Continues from a saved bucket; a state without one (an older version's) keeps this bucket.
     * Called before the device is active.
     *
     * @param state the saved state
     * @param now the time, nanoseconds
     * @throws StateException if a saved value is out of range
     */
    void restore(DeviceState state, long now) throws StateException {
        if (!state.has(STATE_OPS)) {
            return;
        }
        FlushLimit saved = new FlushLimit(state.longValue(STATE_OPS, 0, FlushLimit.MAX),
                state.longValue(STATE_BURST, 0, FlushLimit.MAX));
        limit = saved;
        applied = saved;
        credit = state.longValue(STATE_CREDIT, -FlushLimit.MAX * ONE, saved.bucketSize() * ONE);
        refilledAt = now;
    }
}
