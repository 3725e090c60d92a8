package io.emuhost.benchmarks;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bulk guest writes into the pmem range: {@link #guestMemoryWrite} goes through
 * {@link GuestMemory#write} (region lookup, bounds check, fault barrier, then the copy), the way
 * a device model or qtest writes guest memory; {@link #rawCopy}, the limit, copies the same bytes
 * straight into the backend's own window of the same mapping. Both cycle over the first
 * {@link #SPAN} bytes of the file, whose pages are resident after warm-up.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PmemWriteBenchmark {

    private static final int SPAN = 16 << 20;

    @Param({"4096", "65536"})
    public int size;

    private PmemStack stack;
    private GuestMemory memory;
    private ByteBuffer window;
    private long start;
    private byte[] data;
    private int offset;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        stack = new PmemStack(Path.of(System.getProperty("java.io.tmpdir")), true);
        memory = stack.machine.bus().memory();
        window = stack.backend.window(0);
        start = stack.driver.start();
        data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) i;
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        stack.close();
    }

    private int next() {
        offset = (offset + size) % SPAN;
        return offset;
    }

    @Benchmark
    public void guestMemoryWrite() throws GuestMemoryException {
        memory.write(start + next(), data, 0, size);
    }

    @Benchmark
    public void rawCopy() {
        window.put(next(), data, 0, size);
    }
}
