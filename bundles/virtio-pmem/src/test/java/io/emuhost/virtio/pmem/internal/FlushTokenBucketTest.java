package io.emuhost.virtio.pmem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.testkit.device.TestProperties;
import org.junit.jupiter.api.Test;

/** The FLUSH token bucket against a clock the test moves (nanoseconds passed in). */
class FlushTokenBucketTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long T0 = 123_456_789L;

    @Test
    void unlimited_neverWaits() {
        FlushTokenBucket bucket = new FlushTokenBucket(FlushLimit.UNLIMITED);

        for (int i = 0; i < 1000; i++) {
            assertEquals(0, bucket.delayNanos(T0));
            bucket.take(T0);
        }
    }

    @Test
    void startsFull_thenPacesAtTheRate() {
        FlushTokenBucket bucket = new FlushTokenBucket(new FlushLimit(20, 5));

        for (int i = 0; i < 5; i++) {
            assertEquals(0, bucket.delayNanos(T0), "burst token " + i);
            bucket.take(T0);
        }
        assertEquals(SECOND / 20, bucket.delayNanos(T0));
        assertEquals(1, bucket.delayNanos(T0 + SECOND / 20 - 1));
        assertEquals(0, bucket.delayNanos(T0 + SECOND / 20));
    }

    @Test
    void nFsyncs_takeAtLeast_nMinusBurstOverRate() {
        FlushTokenBucket bucket = new FlushTokenBucket(new FlushLimit(20, 5));
        long now = T0;
        for (int i = 0; i < 25; i++) {
            now += bucket.delayNanos(now);
            bucket.take(now);
        }

        assertEquals((25 - 5) * SECOND / 20, now - T0);
    }

    @Test
    void refill_stopsAtTheBucketSize() {
        FlushTokenBucket bucket = new FlushTokenBucket(new FlushLimit(10, 3));
        bucket.take(T0);

        assertEquals(3, bucket.tokens(T0 + 3600 * SECOND));
    }

    @Test
    void defaultBurst_isOneSecondsWorth_andAtLeastOne() {
        assertEquals(50, new FlushLimit(50, 0).bucketSize());
        assertEquals(1, new FlushLimit(0, 0).bucketSize());
        assertEquals(7, new FlushLimit(50, 7).bucketSize());
    }

    @Test
    void oddRate_neverExceedsIt() {
        FlushTokenBucket bucket = new FlushTokenBucket(new FlushLimit(3, 1));
        bucket.take(T0);

        // 1/3 s is not a whole number of nanoseconds: the wait rounds up
        assertEquals(333_333_334, bucket.delayNanos(T0));
    }

    @Test
    void largestValues_doNotOverflow() {
        FlushTokenBucket bucket = new FlushTokenBucket(new FlushLimit(FlushLimit.MAX, FlushLimit.MAX));
        bucket.take(T0);

        assertEquals(FlushLimit.MAX, bucket.tokens(T0 + Long.MAX_VALUE / 2));
    }

    @Test
    void newLimit_keepsTheCreditCutToTheNewSize() {
        FlushTokenBucket bucket = new FlushTokenBucket(new FlushLimit(10, 10));
        bucket.take(T0);
        bucket.limit(new FlushLimit(1, 4));

        assertEquals(4, bucket.tokens(T0));
        for (int i = 0; i < 4; i++) {
            bucket.take(T0);
        }
        assertEquals(SECOND, bucket.delayNanos(T0));
    }

    @Test
    void limitFromUnlimited_startsFull_andBackToUnlimited_waitsNoMore() {
        FlushTokenBucket bucket = new FlushTokenBucket(FlushLimit.UNLIMITED);
        bucket.limit(new FlushLimit(2, 2));
        bucket.take(T0);
        bucket.take(T0);
        assertEquals(SECOND / 2, bucket.delayNanos(T0));

        bucket.limit(FlushLimit.UNLIMITED);

        assertEquals(0, bucket.delayNanos(T0));
    }

    @Test
    void takeWithoutToken_isDebtRepaidBeforeTheNext() {
        FlushTokenBucket bucket = new FlushTokenBucket(new FlushLimit(10, 1));
        bucket.take(T0);
        bucket.take(T0); // a drain does not wait

        assertEquals(-1, bucket.tokens(T0));
        assertEquals(2 * SECOND / 10, bucket.delayNanos(T0));
    }

    @Test
    void saveAndRestore_keepLimitAndCredit_acrossInstances() throws StateException {
        FlushTokenBucket old = new FlushTokenBucket(new FlushLimit(20, 5));
        old.limit(new FlushLimit(4, 2)); // as qom-set would
        old.take(T0);
        old.take(T0);
        DeviceState.Builder state = DeviceState.builder(VirtioPmemPciFactory.DRIVER);
        old.save(state, T0);

        FlushTokenBucket restored = new FlushTokenBucket(new FlushLimit(20, 5));
        restored.restore(state.build(), T0 + 7);

        assertEquals(new FlushLimit(4, 2), restored.limit());
        assertEquals(SECOND / 4 + 7 - 7, restored.delayNanos(T0 + 7));
    }

    @Test
    void restoreFromAStateWithoutBucket_keepsTheProperties() throws StateException {
        FlushTokenBucket bucket = new FlushTokenBucket(new FlushLimit(20, 5));

        bucket.restore(DeviceState.builder(VirtioPmemPciFactory.DRIVER).build(), T0);

        assertEquals(new FlushLimit(20, 5), bucket.limit());
        assertEquals(5, bucket.tokens(T0));
    }

    @Test
    void properties_partialUpdateKeepsTheOther() throws ConfigurationException {
        FlushLimit base = new FlushLimit(20, 5);

        assertEquals(new FlushLimit(100, 5), FlushLimit.from(TestProperties.of("flush-ops", "100"), base));
        assertEquals(new FlushLimit(20, 1), FlushLimit.from(TestProperties.of("flush-ops-burst", "1"), base));
        assertEquals(FlushLimit.UNLIMITED, FlushLimit.from(TestProperties.of(), FlushLimit.UNLIMITED));
    }

    @Test
    void properties_badValues_nameTheProperty() {
        assertEquals("Parameter 'flush-ops' expects integer", assertThrows(ConfigurationException.class,
                () -> FlushLimit.from(TestProperties.of("flush-ops", "fast"), FlushLimit.UNLIMITED)).getMessage());
        assertEquals("Parameter 'flush-ops-burst' expects uint32_t", assertThrows(ConfigurationException.class,
                () -> FlushLimit.from(TestProperties.of("flush-ops-burst", "4294967296"), FlushLimit.UNLIMITED))
                .getMessage());
    }
}
