package io.emuhost.machine.internal.testing;

import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.MemoryBackend;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Executor;

/** A backend that only has an id, a size and an alignment (for placement tests; not mappable). */
public record StubBackend(String id, long size, long alignment) implements MemoryBackend {

    @Override
    public String type() {
        return "memory-backend-file";
    }

    @Override
    public boolean shared() {
        return true;
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
        throw new UnsupportedOperationException("stub");
    }

    @Override
    public void flush() {
        // nothing to flush
    }

    @Override
    public Executor flushExecutor() {
        return Runnable::run;
    }

    @Override
    public MemdevInfo info() {
        return new MemdevInfo(id, size, true, true, false, true, true, "default", List.of());
    }

    @Override
    public void close() {
        // nothing held
    }
}
