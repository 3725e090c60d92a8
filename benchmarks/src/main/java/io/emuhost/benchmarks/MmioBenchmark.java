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
 * The cost of one guest register access to the device, as a CPU's MMIO exit reaches it: the
 * system bus's region lookup, the machine's hand-over function (a shared lock, no allocation),
 * the modern BAR's decode and the common configuration register. Compared with a store into
 * guest RAM through the same bus.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MmioBenchmark {

    /** virtio 1.2 §4.1.4.3: device_status in the common configuration at BAR4 + 0. */
    private static final long DEVICE_STATUS = 0x14;

    private PmemStack stack;
    private long status;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        stack = new PmemStack(Path.of(System.getProperty("java.io.tmpdir")), true);
        status = stack.barAddress(4) + DEVICE_STATUS;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        stack.close();
    }

    @Benchmark
    public long readDeviceStatus() {
        return stack.machine.bus().read(status, 1);
    }

    @Benchmark
    public void writeGuestRam() {
        stack.machine.bus().write(0x8000, 4, 0x12345678);
    }
}
