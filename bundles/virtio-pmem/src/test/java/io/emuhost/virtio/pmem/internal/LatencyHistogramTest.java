package io.emuhost.virtio.pmem.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    private final LatencyHistogram histogram = new LatencyHistogram();

    @Test
    void index_smallValuesAreExact() {
        for (int v = 0; v < 16; v++) {
            assertEquals(v, LatencyHistogram.index(v));
            assertEquals(v + 1, LatencyHistogram.upperBound(v));
        }
        assertEquals(0, LatencyHistogram.index(-3));
    }

    @Test
    void index_everyValueLiesBelowItsBucketsUpperBoundAndAtOrAboveThePrevious() {
        long[] values = {16, 17, 31, 32, 1000, 1023, 1024, 1_100_000, 2_000_000, 5_000_000, 1L << 40,
            (1L << 62) - 1, 1L << 62, Long.MAX_VALUE};
        for (long v : values) {
            int i = LatencyHistogram.index(v);
            assertTrue(i < LatencyHistogram.BUCKETS, "index of " + v);
            assertTrue(v < LatencyHistogram.upperBound(i) || LatencyHistogram.upperBound(i) == Long.MAX_VALUE, "upper " + v);
            assertTrue(v >= LatencyHistogram.upperBound(i - 1), "lower " + v);
        }
        assertEquals(LatencyHistogram.BUCKETS - 1, LatencyHistogram.index(Long.MAX_VALUE));
    }

    @Test
    void buckets_areAtMostAnEighthOfTheirValue() {
        for (int i = 16; i < LatencyHistogram.BUCKETS - 1; i++) {
            long low = LatencyHistogram.upperBound(i - 1);
            long width = LatencyHistogram.upperBound(i) - low;
            assertTrue(width * 8 <= low, "bucket " + i + " [" + low + ", +" + width + ")");
        }
    }

    @Test
    void percentile_tellsOneMillisecondFromOneAndAHalf() {
        // power-of-two buckets put both in [2^20, 2^21)
        for (int i = 0; i < 60; i++) {
            histogram.record(1_100_000);
        }
        for (int i = 0; i < 40; i++) {
            histogram.record(1_600_000);
        }
        assertEquals(9L << 17, histogram.percentile(0.5));     // [1 048 576, 1 179 648)
        assertEquals(13L << 17, histogram.percentile(0.99));   // [1 572 864, 1 703 936)
        assertEquals(100, histogram.samples());
    }

    @Test
    void powerOfTwoCounts_foldTheOctaves() {
        histogram.record(1);
        histogram.record(1_100_000);
        histogram.record(1_600_000);
        long[] coarse = histogram.powerOfTwoCounts();
        assertEquals(1, coarse[0]);
        assertEquals(2, coarse[20]);
        assertEquals(3, java.util.Arrays.stream(coarse).sum());
    }

    @Test
    void addPowerOfTwo_keepsPercentilesAsUpperBoundsOfTheOldBuckets() {
        long[] coarse = new long[Long.SIZE];
        coarse[20] = 3;                          // [2^20, 2^21)
        histogram.addPowerOfTwo(coarse);
        assertEquals(1L << 21, histogram.percentile(0.5));
        assertEquals(3, histogram.samples());
        assertArrayEquals(coarse, histogram.powerOfTwoCounts());
    }
}
