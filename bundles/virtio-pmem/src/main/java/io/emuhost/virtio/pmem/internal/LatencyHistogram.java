package io.emuhost.virtio.pmem.internal;

/**
 * A log-linear latency histogram: 8 buckets per power of two (values 0 to 7 exactly), so a
 * percentile is known to within 12.5 % — the power-of-two buckets before it could not tell 1.1 ms
 * from 2 ms, the range a FLUSH under TCG lives in. One writer; readers may read at any time (a
 * reader may miss the latest sample). Nothing is allocated per {@link #record}.
 */
final class LatencyHistogram {

    /** log2 of the buckets per power of two. */
    static final int SUB_BITS = 3;
    private static final int SUB = 1 << SUB_BITS;
    /** Buckets: 0..7 exact, then 8 per octave 2^3 .. 2^62. */
    static final int BUCKETS = (Long.SIZE - 1 - SUB_BITS + 1) * SUB;

    private final long[] counts = new long[BUCKETS];
    private volatile long samples;

    /** The bucket of a value; values below 0 count as 0. */
    static int index(long value) {
        if (value < SUB) {
            return value <= 0 ? 0 : (int) value;
        }
        int exponent = Long.SIZE - 1 - Long.numberOfLeadingZeros(value);
        int mantissa = (int) (value >>> (exponent - SUB_BITS)); // in [SUB, 2 * SUB)
        return (exponent - SUB_BITS + 1) * SUB + mantissa - SUB;
    }

    /** The exclusive upper bound of a bucket's values (Long.MAX_VALUE for the last). */
    static long upperBound(int index) {
        if (index < SUB) {
            return index + 1L;
        }
        int exponent = index / SUB + SUB_BITS - 1;
        long mantissa = index % SUB + SUB + 1L;
        return exponent == Long.SIZE - 2 && mantissa == 2 * SUB
                ? Long.MAX_VALUE : mantissa << (exponent - SUB_BITS);
    }

    void record(long value) {
        counts[index(value)]++;
        samples = samples + 1;
    }

    long samples() {
        return samples;
    }

    /**
     * The upper bound of the bucket holding a percentile.
     *
     * @param fraction in (0, 1], checked by the caller
     * @return nanoseconds, or 0 before the first sample
     */
    long percentile(double fraction) {
        long total = samples;
        if (total == 0) {
            return 0;
        }
        long wanted = (long) Math.ceil(fraction * total);
        long seen = 0;
        int highest = 0;
        for (int i = 0; i < BUCKETS; i++) {
            long count = counts[i];
            if (count != 0) {
                highest = i;
                seen += count;
                if (seen >= wanted) {
                    return upperBound(i);
                }
            }
        }
        return upperBound(highest);
    }

    /** The counts (for the device state); a copy. */
    long[] counts() {
        return counts.clone();
    }

    /** The counts folded into power-of-two buckets: [2^b, 2^(b+1)) in b, 0 and 1 in 0. */
    long[] powerOfTwoCounts() {
        long[] coarse = new long[Long.SIZE];
        for (int i = 0; i < BUCKETS; i++) {
            long low = i == 0 ? 0 : upperBound(i - 1);
            coarse[low <= 1 ? 0 : Long.SIZE - 1 - Long.numberOfLeadingZeros(low)] += counts[i];
        }
        return coarse;
    }

    /** Adds saved counts of this layout; called before the device is active. */
    void add(long[] saved) {
        long added = 0;
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] += saved[i];
            added += saved[i];
        }
        samples = samples + added;
    }

    /**
     * Adds saved power-of-two counts (the state of a version before this histogram): each into the
     * top bucket of its octave, so percentiles stay upper bounds.
     */
    void addPowerOfTwo(long[] coarse) {
        long added = 0;
        for (int b = 0; b < coarse.length; b++) {
            long top = b >= Long.SIZE - 2 ? Long.MAX_VALUE : (1L << (b + 1)) - 1;
            counts[index(top)] += coarse[b];
            added += coarse[b];
        }
        samples = samples + added;
    }
}
