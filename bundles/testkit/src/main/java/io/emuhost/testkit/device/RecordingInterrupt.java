package io.emuhost.testkit.device;

import io.emuhost.api.virtio.VirtioInterrupt;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link VirtioInterrupt} that counts what the device sent; safe to read from any thread. */
public final class RecordingInterrupt implements VirtioInterrupt {

    private final AtomicInteger queueNotifications = new AtomicInteger();
    private final AtomicInteger configNotifications = new AtomicInteger();
    private final AtomicInteger needsReset = new AtomicInteger();

    @Override
    public void queue(int queueIndex) {
        queueNotifications.incrementAndGet();
    }

    @Override
    public void config() {
        configNotifications.incrementAndGet();
    }

    @Override
    public void needsReset() {
        needsReset.incrementAndGet();
    }

    /** @return the used-buffer notifications so far */
    public int queueNotifications() {
        return queueNotifications.get();
    }

    /** @return the configuration-change notifications so far */
    public int configNotifications() {
        return configNotifications.get();
    }

    /** @return how often the device reported DEVICE_NEEDS_RESET */
    public int needsResetCount() {
        return needsReset.get();
    }
}
