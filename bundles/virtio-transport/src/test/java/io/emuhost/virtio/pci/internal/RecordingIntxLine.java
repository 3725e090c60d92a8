package io.emuhost.virtio.pci.internal;

import io.emuhost.api.irq.IntxLine;

/** An INTx line that remembers its level and how often it was asserted. */
final class RecordingIntxLine implements IntxLine {

    boolean asserted;
    int assertions;

    @Override
    public void set(boolean level) {
        if (level && !asserted) {
            assertions++;
        }
        asserted = level;
    }
}
