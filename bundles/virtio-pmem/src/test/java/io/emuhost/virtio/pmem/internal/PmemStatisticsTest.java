package io.emuhost.virtio.pmem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
            statistics.requestCompleted(1_000, false);      // bucket [960, 1024)
        }
        statistics.requestCompleted(5_000_000, false);      // bucket [9 * 2^19, 10 * 2^19)
        statistics.requestCompleted(5_000_000, false);

        assertEquals(1024, statistics.latencyP50Nanos());
        assertEquals(10L << 19, statistics.latencyP99Nanos());
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

        assertEquals(1, statistics.latencyPercentileNanos(1.0));
    }

    @Test
    void latencyPercentile_fractionOutOfRange_throws() {
        assertThrows(IllegalArgumentException.class, () -> statistics.latencyPercentileNanos(0));
        assertThrows(IllegalArgumentException.class, () -> statistics.latencyPercentileNanos(1.5));
    }

    @Test
    void restore_ofSavedState_keepsTheFineBuckets() throws StateException {
        statistics.requestCompleted(1_100_000, false);
        statistics.requestCompleted(1_600_000, false);
        DeviceState.Builder state = DeviceState.builder("virtio-pmem-pci");
        statistics.save(state);

        PmemStatistics restored = new PmemStatistics();
        restored.restore(state.build());

        assertEquals(9L << 17, restored.latencyP50Nanos());
        assertEquals(13L << 17, restored.latencyP99Nanos());
    }

    @Test
    void restore_ofPowerOfTwoStateOnly_givesTheOldUpperBounds() throws StateException {
        ByteBuffer buckets = ByteBuffer.allocate(Long.SIZE * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buckets.putLong(20 * Long.BYTES, 2);     // two requests in [2^20, 2^21), as a version before saved them
        DeviceState state = DeviceState.builder("virtio-pmem-pci")
                .put("virtio-pmem.requests", 2).put("virtio-pmem.fsyncs", 2).put("virtio-pmem.errors", 0)
                .put("virtio-pmem.latency-buckets", buckets.array()).build();

        PmemStatistics restored = new PmemStatistics();
        restored.restore(state);

        assertEquals(1L << 21, restored.latencyP50Nanos());
        assertEquals(2, restored.requests());
    }
}
