package io.emuhost.virtio.rng.internal;

import io.emuhost.api.virtio.VirtioInterrupt;
import java.util.concurrent.atomic.AtomicInteger;

/** A {@link VirtioInterrupt} that counts what the device sent. */
final class RecordingInterrupt implements VirtioInterrupt {

    private final AtomicInteger queueNotifications = new AtomicInteger();
    private final AtomicInteger needsReset = new AtomicInteger();

    @Override
    public void queue(int queueIndex) {
        queueNotifications.incrementAndGet();
    }

    @Override
    public void config() {
    }

    @Override
    public void needsReset() {
        needsReset.incrementAndGet();
    }

    int queueNotifications() {
        return queueNotifications.get();
    }

    int needsResetCount() {
        return needsReset.get();
    }
}
