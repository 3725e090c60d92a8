package io.emuhost.monitor.internal.qmp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes that the {@link JsonFramer}s of one monitor's clients may hold together for values
 * being read, beyond {@link JsonFramer#FREE_BYTES} each. QEMU bounds each value (64 MiB); this
 * bounds them all, so that many clients sending large values at once cannot exhaust the heap.
 * A value that does not fit is answered as one over QEMU's limit.
 */
final class ValueBudget {

    private final AtomicLong available;

    /**
     * Creates a budget.
     *
     * @param bytes how many bytes all framers may reserve together
     */
    ValueBudget(long bytes) {
        this.available = new AtomicLong(bytes);
    }

    /**
     * Takes bytes from the budget, if it has them.
     *
     * @param bytes how many
     * @return false, taking nothing, if fewer are available
     */
    boolean reserve(long bytes) {
        long now;
        do {
            now = available.get();
            if (now < bytes) {
                return false;
            }
        } while (!available.compareAndSet(now, now - bytes));
        return true;
    }

    /**
     * Gives bytes back.
     *
     * @param bytes how many, as reserved before
     */
    void release(long bytes) {
        available.addAndGet(bytes);
    }

    /**
     * What is left, for tests.
     *
     * @return the available bytes
     */
    long available() {
        return available.get();
    }
}
