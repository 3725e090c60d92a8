package io.emuhost.benchmarks;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.testkit.driver.VirtioPciDriver;
import io.emuhost.testkit.driver.VirtioPmemDriver;
import io.emuhost.testkit.virtqueue.Buffer;
import io.emuhost.testkit.virtqueue.DriverSplitQueue;
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
 * 64 FLUSHes in flight at once: {@link #flush64} puts 64 requests into 64 queue entries (each an
 * indirect chain, as Linux sends them), notifies once and waits for all 64; {@link #serial64},
 * the anchor, sends the same 64 one after the other (one fsync each, what QEMU does for every
 * FLUSH). After each iteration it prints the fsyncs the device ran per FLUSH completed, from the
 * device's statistics (what {@code x-query-virtio-pmem} reports); the goal is ≤ 0.1. With
 * {@code -p stubFlush=true}, {@code flush64} / 64 is what one request costs when requests come
 * in batches, the fsync left out.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ConcurrentFlushBenchmark {

    private static final int IN_FLIGHT = 64;
    private static final int QUEUE = 0;

    /** true: the backend's flush() does nothing, so {@code flush64} is 64 requests' own cost. */
    @Param("false")
    public boolean stubFlush;

    private PmemStack stack;
    private VirtioPciDriver pci;
    private GuestMemory memory;
    private final long[] requests = new long[IN_FLIGHT];
    private final long[] tables = new long[IN_FLIGHT];
    private final Buffer[][] buffers = new Buffer[IN_FLIGHT][];
    private final int[] heads = new int[IN_FLIGHT];
    private long requestsBefore;
    private long fsyncsBefore;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        stack = new PmemStack(Path.of(System.getProperty("java.io.tmpdir")), true, stubFlush);
        pci = stack.driver.pciDriver();
        memory = stack.machine.bus().memory();
        for (int i = 0; i < IN_FLIGHT; i++) {
            requests[i] = pci.allocate(8, 8);
            tables[i] = pci.allocate(32, 16);
            // virtio 1.2 §5.19.6: virtio_pmem_req (type, device-readable), then virtio_pmem_resp
            buffers[i] = new Buffer[] {Buffer.readable(requests[i], 4), Buffer.writable(requests[i] + 4, 4)};
        }
    }

    @Setup(Level.Iteration)
    public void countFrom() {
        requestsBefore = stack.statistics().requests();
        fsyncsBefore = stack.statistics().fsyncs();
    }

    @TearDown(Level.Iteration)
    public void report() {
        long flushes = stack.statistics().requests() - requestsBefore;
        long fsyncs = stack.statistics().fsyncs() - fsyncsBefore;
        System.out.printf("[%d fsyncs for %d FLUSHes: %.4f fsyncs per FLUSH]%n", fsyncs, flushes,
                (double) fsyncs / Math.max(1, flushes));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        stack.close();
    }

    @Benchmark
    public int flush64() throws GuestMemoryException, InterruptedException {
        DriverSplitQueue queue = pci.queue(QUEUE);
        for (int i = 0; i < IN_FLIGHT; i++) {
            memory.writeInt(requests[i], VirtioPmemDriver.REQ_TYPE_FLUSH);
            memory.writeInt(requests[i] + 4, VirtioPmemDriver.NO_RESPONSE);
            heads[i] = queue.addIndirectChain(tables[i], buffers[i]);
        }
        pci.kickIfNeeded(QUEUE);
        int failed = 0;
        for (int i = 0; i < IN_FLIGHT; i++) {
            pci.awaitUsed(QUEUE, heads[i]);
            failed += memory.readInt(requests[i] + 4) == 0 ? 0 : 1;
        }
        return failed;
    }

    @Benchmark
    public int serial64() throws InterruptedException {
        int failed = 0;
        for (int i = 0; i < IN_FLIGHT; i++) {
            failed += stack.driver.flush() == 0 ? 0 : 1;
        }
        return failed;
    }
}
