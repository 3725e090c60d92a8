package io.emuhost.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Live upgrade of virtio-pmem under a flushing driver, in process: a guest thread sends FLUSHes
 * back to back (each waits for its completion) while the benchmark thread hands the device over
 * to a new factory version, every {@code periodMs}. After each iteration it prints the longest
 * FLUSH the guest waited for (the guest-visible stall), and FLUSHes sent vs completed with
 * ret 0 (lost = sent − completed). {@link #idle} is the anchor in the same fork: the same driver
 * with no hand-over, so its longest FLUSH is what the disk alone costs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandoverUnderFlushBenchmark {

    @Param("10")
    public int periodMs;

    private PmemStack stack;
    private Thread guest;
    private volatile boolean running = true;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong longestNanos = new AtomicLong();
    private volatile Throwable failure;
    private long sentBefore;
    private long completedBefore;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        stack = new PmemStack(Path.of(System.getProperty("java.io.tmpdir")), true);
        guest = new Thread(this::flushLoop, "guest-flush");
        guest.start();
    }

    private void flushLoop() {
        while (running) {
            sent.incrementAndGet();
            long t0 = System.nanoTime();
            try {
                if (stack.driver.flush() == 0) {
                    completed.incrementAndGet();
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failure = e;
                return;
            }
            longestNanos.accumulateAndGet(System.nanoTime() - t0, Math::max);
        }
    }

    @Setup(Level.Iteration)
    public void countFrom() {
        longestNanos.set(0);
        sentBefore = sent.get();
        completedBefore = completed.get();
    }

    @TearDown(Level.Iteration)
    public void report() throws InterruptedException {
        Thread.sleep(50); // the FLUSH in flight at the end of the iteration completes
        long s = sent.get() - sentBefore;
        long c = completed.get() - completedBefore;
        System.out.printf("[longest FLUSH %.2f ms; FLUSHes sent %d, completed %d, lost %d%s]%n",
                longestNanos.get() / 1e6, s, c, Math.max(0, s - c - 1),
                failure == null ? "" : "; the guest failed: " + failure);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        running = false;
        guest.join(5000);
        System.out.printf("[trial: FLUSHes sent %d, completed with ret 0 %d, lost %d]%n", sent.get(), completed.get(),
                sent.get() - completed.get());
        stack.close();
    }

    @Benchmark
    public void leaveAndArrive() throws InterruptedException {
        stack.factories.leave(PmemStack.DRIVER);
        stack.factories.arrive(PmemStack.DRIVER, PmemStack.newFactory());
        Thread.sleep(periodMs);
    }

    @Benchmark
    public void idle() throws InterruptedException {
        Thread.sleep(periodMs);
    }
}
