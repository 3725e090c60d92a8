package io.emuhost.testkit.device;

import io.emuhost.api.bus.IoHandler;

/** Registers that read a fixed pattern (0x1000_0000 + offset) and remember the last write. */
public final class RecordingHandler implements IoHandler {

    /** Offset of the last write, -1 before any. */
    public volatile long lastOffset = -1;
    /** Size of the last write. */
    public volatile int lastSize;
    /** Value of the last write. */
    public volatile long lastValue;

    @Override
    public long read(long offset, int size) {
        return 0x1000_0000L + offset;
    }

    @Override
    public void write(long offset, int size, long value) {
        lastOffset = offset;
        lastSize = size;
        lastValue = value;
    }
}
