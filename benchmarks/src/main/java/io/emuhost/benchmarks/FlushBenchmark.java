package io.emuhost.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
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
 * the pmem range ({@link #writeAndFlush}; {@link #flush} leaves it out), then a request on the
 * queue, the notify write, the parse, one fsync of the backing file on the backend's flush
 * thread, the response, the used ring and the interrupt the driver waits for. The backing file
 * lies in {@code dir} (default: java.io.tmpdir), whose file system decides the fsync's cost.
 *
 * <p>With {@code -prof gc}, {@code gc.alloc.rate.norm} is what one operation allocates on every
 * thread (JMH counts all live threads: the driver's, which notifies, and the backend's flush
 * thread): {@link #flush} shows the FLUSH path's own; {@link #writeAndFlush} adds the store into
 * the file-backed range, whose fault barrier allocates 16 bytes (MemoryRegion, HostFaults).
 * {@link #storeAndFsync} is the limit: the bare store and fsync of the same file. With
 * {@code -p stubFlush=true} the backend's flush does nothing, so {@link #flush} is the request
 * path alone. Since JMH's own threads allocate too, each iteration also prints what the FLUSH path's two
 * threads alone allocated, from their allocated-bytes counters.
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

    /** true: the backend's flush() does nothing (the request path alone; run with -bm avgt). */
    @Param("false")
    public boolean stubFlush;

    private PmemStack stack;
    private FileChannel channel;
    private ByteBuffer window;
    private final byte[] record = new byte[8];
    private long n;
    private com.sun.management.ThreadMXBean threads;
    private long[] pathThreads;
    private long allocatedBefore;
    private long flushThreadBefore;
    private long opsBefore;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        stack = new PmemStack(Path.of(dir.isEmpty() ? System.getProperty("java.io.tmpdir") : dir), msix, stubFlush);
        channel = FileChannel.open(stack.file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        window = stack.backend.window(0);
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long flushThread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("flush-mem1")).findFirst().orElseThrow().getId();
        pathThreads = new long[] {Thread.currentThread().getId(), flushThread};
    }

    @Setup(Level.Iteration)
    public void countFrom() {
        allocatedBefore = allocatedOnPath();
        flushThreadBefore = threads.getThreadAllocatedBytes(pathThreads[1]);
        opsBefore = n;
    }

    @TearDown(Level.Iteration)
    public void report() {
        long bytes = allocatedOnPath() - allocatedBefore;
        long ops = n - opsBefore;
        long onFlushThread = threads.getThreadAllocatedBytes(pathThreads[1]) - flushThreadBefore;
        System.out.printf("[the notifying and the flush thread allocated %d bytes (the flush thread %d) in %d"
                + " FLUSHes: %.4f B/op]%n", bytes, onFlushThread, ops, (double) bytes / Math.max(1, ops));
    }

    private long allocatedOnPath() {
        return threads.getThreadAllocatedBytes(pathThreads[0]) + threads.getThreadAllocatedBytes(pathThreads[1]);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        channel.close();
        stack.close();
    }

    @Benchmark
    public int flush() throws InterruptedException {
        n++;
        return stack.driver.flush();
    }

    @Benchmark
    public int writeAndFlush() throws InterruptedException {
        record[0] = (byte) n;
        stack.driver.write(8 * (n++ % 512), record);
        return stack.driver.flush();
    }

    /**
     * The limit of {@link #writeAndFlush}: the same 8-byte store into the same mapping, then an
     * fsync of the same file ({@code FileChannel.force(true)}), with no device in between.
     */
    @Benchmark
    public long storeAndFsync() throws IOException {
        window.putLong(8 * (int) (n % 512), n++);
        channel.force(true);
        return n;
    }
}
