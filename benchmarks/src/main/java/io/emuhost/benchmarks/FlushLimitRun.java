package io.emuhost.benchmarks;

import io.emuhost.api.machine.Frontend;
import io.emuhost.virtio.pmem.internal.PmemStatistics;
import io.emuhost.virtio.pmem.internal.VirtioPmemPciDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The FLUSH rate limit against no limit, in one JVM, one run: a guest driver doing 8-byte store +
 * FLUSH back to back for a fixed time under each setting of {@code flush-ops}/{@code
 * flush-ops-burst}, changed between phases through {@code Machine.setDeviceProperties} (what
 * QMP {@code qom-set} calls) on the same device. Prints FLUSH/s, fsyncs, throttled fsyncs and the
 * configured limit beside each other. Run:
 * {@code java -cp benchmarks/target/benchmarks.jar io.emuhost.benchmarks.FlushLimitRun [seconds]}.
 */
public final class FlushLimitRun {

    private FlushLimitRun() {
    }

    /**
     * Runs the phases.
     *
     * @param args optional: seconds per phase (default 3)
     * @throws Exception if the stack cannot be built
     */
    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
        Path dir = Files.createTempDirectory("flush-limit");
        try (PmemStack stack = new PmemStack(dir, true)) {
            byte[] data = new byte[8];
            phase(stack, data, 1, "0", "0"); // warm-up
            System.out.printf("%-28s %10s %10s %10s %12s%n", "flush-ops,flush-ops-burst", "FLUSH/s", "fsyncs",
                    "throttled", "limit/s");
            for (String[] limit : new String[][] {{"0", "0"}, {"1000", "1"}, {"200", "10"}, {"50", "5"}, {"0", "0"}}) {
                phase(stack, data, seconds, limit[0], limit[1]);
            }
        }
        Files.deleteIfExists(dir);
    }

    private static void phase(PmemStack stack, byte[] data, double seconds, String ops, String burst)
            throws Exception {
        stack.machine.setDeviceProperties("nv1", Map.of("flush-ops", ops, "flush-ops-burst", burst),
                Frontend.CONFIGURATION);
        PmemStatistics statistics = ((VirtioPmemPciDevice) stack.machine.device("nv1").orElseThrow())
                .virtioDevice().statistics();
        long fsyncs = statistics.fsyncs();
        long throttles = statistics.throttles();
        long flushes = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now = start;
        while (now < end) {
            data[0]++;
            stack.driver.write(0, data);
            if (stack.driver.flush() != 0) {
                throw new IllegalStateException("FLUSH failed");
            }
            flushes++;
            now = System.nanoTime();
        }
        double rate = flushes / ((now - start) / 1e9);
        System.out.printf("%-28s %10.1f %10d %10d %12s%n", ops + "," + burst, rate, statistics.fsyncs() - fsyncs,
                statistics.throttles() - throttles, ops.equals("0") ? "unlimited" : ops);
    }
}
