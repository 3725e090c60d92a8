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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pause a guest sees when virtio-pmem is upgraded under it: the device factory leaves (the
 * machine holds the function, the device drains and saves its state) and a new version arrives
 * (restore into a new device over a new transport, replay of held writes), with a driver that
 * has negotiated and set up its queue. Without bundle class loading, which the OSGi update adds.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandoverBenchmark {

    private PmemStack stack;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        stack = new PmemStack(Path.of(System.getProperty("java.io.tmpdir")), true);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        stack.close();
    }

    @Benchmark
    public void leaveAndArrive() {
        stack.factories.leave(PmemStack.DRIVER);
        stack.factories.arrive(PmemStack.DRIVER, PmemStack.newFactory());
    }
}
