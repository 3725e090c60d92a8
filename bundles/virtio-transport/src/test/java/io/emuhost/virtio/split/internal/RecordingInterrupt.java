package io.emuhost.virtio.split.internal;

import io.emuhost.api.virtio.VirtioInterrupt;
import java.util.ArrayList;
import java.util.List;

/** Records the notifications a queue sends. */
final class RecordingInterrupt implements VirtioInterrupt {

    final List<Integer> queueNotifications = new ArrayList<>();
    int configNotifications;
    int needsResetCalls;

    @Override
    public void queue(int queueIndex) {
        queueNotifications.add(queueIndex);
    }

    @Override
    public void config() {
        configNotifications++;
    }

    @Override
    public void needsReset() {
        needsResetCalls++;
    }
}
