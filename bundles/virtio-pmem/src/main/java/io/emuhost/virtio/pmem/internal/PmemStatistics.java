package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one virtio-pmem device has done, for the monitor: requests completed, fsyncs run, errors
 * (requests answered with -1 and chains rejected as malformed), and the latency of completed
 * requests, from pop to used ring, in a log-linear histogram (8 buckets per power of two,
 * {@link LatencyHistogram}). Readers may
 * query at any time; the histogram has one writer, the flush worker. Nothing is allocated per
 * update.
 */
public final class PmemStatistics {

    private static final int BUCKETS = Long.SIZE;
    private static final String STATE_REQUESTS = "virtio-pmem.requests";
    private static final String STATE_FSYNCS = "virtio-pmem.fsyncs";
    private static final String STATE_ERRORS = "virtio-pmem.errors";
    private static final String STATE_THROTTLES = "virtio-pmem.throttles";
    private static final String STATE_THROTTLED = "virtio-pmem.throttled-nanos";
    private static final String STATE_LATENCY = "virtio-pmem.latency-buckets";
    private static final String STATE_LATENCY_FINE = "virtio-pmem.latency-buckets-log-linear";

    private final LongAdder requests = new LongAdder();
    private final LongAdder fsyncs = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder throttles = new LongAdder();
    private final LongAdder throttledNanos = new LongAdder();
    private final LatencyHistogram latency = new LatencyHistogram();

    /**
     * The requests completed (used) since the device was created.
     *
     * @return the count
     */
    public long requests() {
        return requests.sum();
    }

    /**
     * The fsyncs of the backend, successful or not.
     *
     * @return the count
     */
    public long fsyncs() {
        return fsyncs.sum();
    }

    /**
     * The requests answered with -1 plus the chains rejected as malformed.
     *
     * @return the count
     */
    public long errors() {
        return errors.sum();
    }

    /**
     * The fsyncs that waited for a token of the flush rate limit ({@code flush-ops}).
     *
     * @return the count
     */
    public long throttles() {
        return throttles.sum();
    }

    /**
     * The time fsyncs waited for tokens of the flush rate limit, in total.
     *
     * @return nanoseconds
     */
    public long throttledNanos() {
        return throttledNanos.sum();
    }

    /**
     * The median request latency.
     *
     * @return an upper bound in nanoseconds (within 12.5 %), or 0 before the first request
     */
    public long latencyP50Nanos() {
        return latencyPercentileNanos(0.50);
    }

    /**
     * The 99th percentile of the request latency.
     *
     * @return an upper bound in nanoseconds (within 12.5 %), or 0 before the first request
     */
    public long latencyP99Nanos() {
        return latencyPercentileNanos(0.99);
    }

    /**
     * A percentile of the request latency, to the resolution of the histogram's buckets.
     *
     * @param fraction the percentile as a fraction, 0 &lt; fraction ≤ 1
     * @return the upper bound of the bucket holding that percentile, in nanoseconds, or 0 before
     *     the first request
     */
    public long latencyPercentileNanos(double fraction) {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1]: " + fraction);
        }
        return latency.percentile(fraction);
    }

    /** Saves the counters and the histogram, so that a restored device counts on (live upgrade). */
    void save(DeviceState.Builder state) {
        state.put(STATE_REQUESTS, requests());
        state.put(STATE_FSYNCS, fsyncs());
        state.put(STATE_ERRORS, errors());
        state.put(STATE_THROTTLES, throttles());
        state.put(STATE_THROTTLED, throttledNanos());
        state.put(STATE_LATENCY, bytes(latency.powerOfTwoCounts())); // what older versions restore
        state.put(STATE_LATENCY_FINE, bytes(latency.counts()));
    }

    /** Continues from saved counters; called before the device is active. */
    void restore(DeviceState state) throws StateException {
        requests.add(state.longValue(STATE_REQUESTS, 0, Long.MAX_VALUE));
        fsyncs.add(state.longValue(STATE_FSYNCS, 0, Long.MAX_VALUE));
        errors.add(state.longValue(STATE_ERRORS, 0, Long.MAX_VALUE));
        if (state.has(STATE_THROTTLES)) { // absent from the state of a version without a rate limit
            throttles.add(state.longValue(STATE_THROTTLES, 0, Long.MAX_VALUE));
            throttledNanos.add(state.longValue(STATE_THROTTLED, 0, Long.MAX_VALUE));
        }
        if (state.has(STATE_LATENCY_FINE)) {
            latency.add(longs(state.bytes(STATE_LATENCY_FINE, LatencyHistogram.BUCKETS * Long.BYTES)));
        } else {
            latency.addPowerOfTwo(longs(state.bytes(STATE_LATENCY, BUCKETS * Long.BYTES)));
        }
    }

    private static byte[] bytes(long[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asLongBuffer().put(values);
        return buffer.array();
    }

    private static long[] longs(byte[] bytes) {
        long[] values = new long[bytes.length / Long.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asLongBuffer().get(values);
        return values;
    }

    void requestCompleted(long latencyNanos, boolean failed) {
        requests.increment();
        if (failed) {
            errors.increment();
        }
        latency.record(latencyNanos);
    }

    void fsync() {
        fsyncs.increment();
    }

    void throttled(long nanos) {
        throttles.increment();
        throttledNanos.add(nanos);
    }

    void rejected() {
        errors.increment();
    }
}
