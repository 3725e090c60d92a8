package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.virtio.VirtioInterrupt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DEVICE_NEEDS_RESET for one activation (virtio 1.2 §2.1.2): set once, on the first error the
 * device cannot recover from, after which the device ignores its queue until the driver resets it.
 */
final class NeedsResetLatch {

    private static final Logger LOG = LoggerFactory.getLogger(NeedsResetLatch.class);

    private final VirtioInterrupt interrupt;
    private final AtomicBoolean set = new AtomicBoolean();

    NeedsResetLatch(VirtioInterrupt interrupt) {
        this.interrupt = interrupt;
    }

    boolean isSet() {
        return set.get();
    }

    /**
     * Sets DEVICE_NEEDS_RESET and notifies the driver, the first time only.
     *
     * @param cause the broken rule
     */
    void set(Exception cause) {
        if (set.compareAndSet(false, true)) {
            LOG.warn("virtio-pmem device needs reset: {}", cause.getMessage());
            interrupt.needsReset();
        }
    }
}
