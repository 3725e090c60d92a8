package io.emuhost.virtio.pci.internal;

import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.MemoryBackend;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

/** A backend that only has a size: enough for BAR and capability layout. */
final class FakeBackend implements MemoryBackend {

    private final long size;

    FakeBackend(long size) {
        this.size = size;
    }

    @Override
    public String id() {
        return "shm0";
    }

    @Override
    public String type() {
        return "memory-backend-ram";
    }

    @Override
    public void close() {
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public long alignment() {
        return 4096;
    }

    @Override
    public boolean shared() {
        return false;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public long hostAddress() {
        return 0;
    }

    @Override
    public int windowCount() {
        return 0;
    }

    @Override
    public ByteBuffer window(int index) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void flush() {
    }

    @Override
    public Executor flushExecutor() {
        return Runnable::run;
    }

    @Override
    public MemdevInfo info() {
        throw new UnsupportedOperationException();
    }
}
