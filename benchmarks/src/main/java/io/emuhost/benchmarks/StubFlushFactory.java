package io.emuhost.benchmarks;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.UserObject;
import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.MemoryBackend;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code memory-backend-file} whose backends map the file as usual but whose {@code flush()}
 * does nothing: the request path of a FLUSH without the host's fsync, for measuring what the
 * device itself costs per request.
 */
final class StubFlushFactory implements ObjectFactory {

    private final ObjectFactory real;

    StubFlushFactory(ObjectFactory real) {
        this.real = real;
    }

    @Override
    public List<PropertySpec> properties() {
        return real.properties();
    }

    @Override
    public UserObject create(String id, Properties properties) throws ConfigurationException {
        return new StubFlushBackend((MemoryBackend) real.create(id, properties));
    }

    /** The real backend but for {@link #flush()}, which returns at once. */
    private record StubFlushBackend(MemoryBackend real) implements MemoryBackend {

        @Override
        public String id() {
            return real.id();
        }

        @Override
        public String type() {
            return real.type();
        }

        @Override
        public Map<String, Object> qomProperties() {
            return real.qomProperties();
        }

        @Override
        public long size() {
            return real.size();
        }

        @Override
        public long alignment() {
            return real.alignment();
        }

        @Override
        public boolean shared() {
            return real.shared();
        }

        @Override
        public boolean readOnly() {
            return real.readOnly();
        }

        @Override
        public long hostAddress() {
            return real.hostAddress();
        }

        @Override
        public int windowCount() {
            return real.windowCount();
        }

        @Override
        public ByteBuffer window(int index) {
            return real.window(index);
        }

        @Override
        public void flush() {
            // stubbed: no fsync
        }

        @Override
        public Executor flushExecutor() {
            return real.flushExecutor();
        }

        @Override
        public MemdevInfo info() {
            return real.info();
        }

        @Override
        public void close() {
            real.close();
        }
    }
}
