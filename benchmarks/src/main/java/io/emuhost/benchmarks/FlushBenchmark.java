package io.emuhost.benchmarks;

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
 * One guest FLUSH through the whole stack, as the Linux driver does it: an 8-byte store into
 * the pmem range, then a request on the queue, the notify write, the parse, one fsync of the
 * backing file on the backend's flush thread, the response, the used ring and the interrupt the
 * driver waits for. The backing file lies in {@code dir} (default: java.io.tmpdir), whose file
 * system decides the fsync's cost.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class FlushBenchmark {

    @Param({"true", "false"})
    public boolean msix;

    @Param("")
    public String dir;

    private PmemStack stack;
    private final byte[] record = new byte[8];
    private long n;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        stack = new PmemStack(Path.of(dir.isEmpty() ? System.getProperty("java.io.tmpdir") : dir), msix);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        stack.close();
    }

    @Benchmark
    public int writeAndFlush() throws InterruptedException {
        record[0] = (byte) n;
        stack.driver.write(8 * (n++ % 512), record);
        return stack.driver.flush();
    }
}
