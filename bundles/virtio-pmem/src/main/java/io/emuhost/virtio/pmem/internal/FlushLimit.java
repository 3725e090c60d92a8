package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Properties;
import java.util.OptionalLong;

/**
 * A device's FLUSH rate limit ({@code flush-ops}, {@code flush-ops-burst}): a token bucket in
 * Firecracker's shape ({@code size} tokens refilled in {@code refill_time}) with
 * {@code size = burst} and {@code refill_time = burst / opsPerSecond} seconds. One token is one
 * fsync of the backend (a group-commit batch), not one guest request: the host pays per fsync.
 *
 * @param opsPerSecond fsyncs per second; 0 = unlimited
 * @param burst the bucket size in fsyncs; 0 = one second's worth ({@code opsPerSecond}, at least 1)
 */
record FlushLimit(long opsPerSecond, long burst) {

    /** The property naming the rate. */
    static final String OPS = "flush-ops";
    /** The property naming the bucket size. */
    static final String BURST = "flush-ops-burst";
    /** No limit: the default. */
    static final FlushLimit UNLIMITED = new FlushLimit(0, 0);
    /** The largest value of either property: they are QEMU uint32 properties. */
    static final long MAX = 0xffff_ffffL;

    /**
     * Checks the range.
     *
     * @throws IllegalArgumentException if a value is out of [0, {@link #MAX}]
     */
    FlushLimit {
        if (opsPerSecond < 0 || opsPerSecond > MAX || burst < 0 || burst > MAX) {
            throw new IllegalArgumentException("flush limit out of range: " + opsPerSecond + "/" + burst);
        }
    }

    /**
     * The limit the properties ask for, starting from another: a property left out keeps its value.
     *
     * @param properties {@code flush-ops} and {@code flush-ops-burst}, with the front end's syntax
     * @param base the values for properties left out
     * @return the limit
     * @throws ConfigurationException QEMU's wording naming the property: {@code Parameter 'flush-ops'
     *     expects integer} when malformed, {@code Parameter 'flush-ops' expects uint32_t} when out
     *     of range (qapi/qapi-visit-core.c visit_type_uint32)
     */
    static FlushLimit from(Properties properties, FlushLimit base) throws ConfigurationException {
        return new FlushLimit(uint32(properties, OPS, base.opsPerSecond()), uint32(properties, BURST, base.burst()));
    }

    private static long uint32(Properties properties, String name, long absent) throws ConfigurationException {
        OptionalLong value = properties.uint64(name);
        if (value.isEmpty()) {
            return absent;
        }
        // qapi-visit-core.c visit_type_uint32: a uint64 above UINT32_MAX (a negative one wrapped) is refused
        if (value.getAsLong() < 0 || value.getAsLong() > MAX) {
            throw new ConfigurationException("Parameter '" + name + "' expects uint32_t");
        }
        return value.getAsLong();
    }

    /** @return whether FLUSHes are limited at all */
    boolean limited() {
        return opsPerSecond != 0;
    }

    /** @return the bucket size in fsyncs (the default burst resolved) */
    long bucketSize() {
        return burst != 0 ? burst : Math.max(1, opsPerSecond);
    }
}
