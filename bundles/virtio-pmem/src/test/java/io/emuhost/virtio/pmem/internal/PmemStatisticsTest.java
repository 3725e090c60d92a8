package io.emuhost.virtio.pmem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PmemStatisticsTest {

    private final PmemStatistics statistics = new PmemStatistics();

    @Test
    void percentiles_beforeAnyRequest_areZero() {
        assertEquals(0, statistics.latencyP50Nanos());
        assertEquals(0, statistics.latencyP99Nanos());
    }

    @Test
    void percentiles_returnUpperBoundOfTheBucketHoldingThem() {
        for (int i = 0; i < 98; i++) {
            statistics.requestCompleted(1_000, false);      // bucket [512, 1024)
        }
        statistics.requestCompleted(5_000_000, false);      // bucket [2^22, 2^23)
        statistics.requestCompleted(5_000_000, false);

        assertEquals(1024, statistics.latencyP50Nanos());
        assertEquals(1L << 23, statistics.latencyP99Nanos());
    }

    @Test
    void counters_countRequestsFsyncsAndErrors() {
        statistics.requestCompleted(10, false);
        statistics.requestCompleted(10, true);
        statistics.fsync();
        statistics.rejected();

        assertEquals(2, statistics.requests());
        assertEquals(1, statistics.fsyncs());
        assertEquals(2, statistics.errors());
    }

    @Test
    void requestCompleted_negativeLatency_landsInFirstBucket() {
        statistics.requestCompleted(-5, false);

        assertEquals(2, statistics.latencyPercentileNanos(1.0));
    }

    @Test
    void latencyPercentile_fractionOutOfRange_throws() {
        assertThrows(IllegalArgumentException.class, () -> statistics.latencyPercentileNanos(0));
        assertThrows(IllegalArgumentException.class, () -> statistics.latencyPercentileNanos(1.5));
    }
}
