package io.emuhost.itests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.machine.Frontend;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.testkit.driver.VirtioPmemDriver;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DESIGN rule 8 on the whole FLUSH: nothing is allocated per request, neither on the notifying
 * thread (notify write, pop, parse, hand-off to the flush thread; here also the test driver's own
 * work, which allocates nothing either) nor on the backend's flush thread (fsync, response, used
 * ring, MSI-X or INTx). Counted with the threads' allocated-bytes counters over 1000 FLUSHes
 * after 1000 to warm up (JIT, lazily initialised JDK and JNA paths).
 */
class FlushAllocationTest {

    private static final int FLUSHES = 1000;
    /** Far below one byte per FLUSH: what a stray allocation in the measured window could add. */
    private static final long SLACK_BYTES = 512;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "msix={0}")
    @ValueSource(booleans = {true, false})
    void flush_allocatesNothingPerRequest(boolean msix) throws Exception {
        measure(msix, Map.of(), FLUSHES);
    }

    /**
     * With a rate limit that makes most FLUSHes wait for a token (2000 fsyncs/s, burst 1: a token
     * every 0.5 ms), the throttled path (bucket, park, unpark) allocates nothing either. The
     * driver then blocks in {@code Object.wait} on every FLUSH, a path whose first compilations
     * were seen to leave a few hundred bytes once: it warms up three times as long.
     */
    @ParameterizedTest(name = "msix={0}")
    @ValueSource(booleans = {true, false})
    void throttledFlush_allocatesNothingPerRequest(boolean msix) throws Exception {
        measure(msix, Map.of("flush-ops", "2000", "flush-ops-burst", "1"), 3 * FLUSHES);
    }

    private void measure(boolean msix, Map<String, String> limit, int warmUp) throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (MachineImpl machine = PmemMachines.machine()) {
            machine.addObject("memory-backend-file", Map.of("id", "mem1", "mem-path", dir.resolve("pmem.img").toString(),
                    "size", "16M", "share", "on"), Frontend.COMMAND_LINE);
            Map<String, String> device = new java.util.HashMap<>(limit);
            device.putAll(Map.of("id", "nv1", "memdev", "mem1", "vectors", msix ? "2" : "0"));
            machine.addDevice("virtio-pmem-pci", device, Frontend.COMMAND_LINE);
            try (VirtioPmemDriver driver = VirtioPmemDriver.open(machine.bus(), machine.interrupts(),
                    PmemMachines.driverOptions(0).withMsix(msix))) {
                for (int i = 0; i < warmUp; i++) {
                    driver.flush();
                }
                long notifying = Thread.currentThread().getId();
                long flushing = flushThread("flush-mem1").getId();
                long notifyingBefore = threads.getThreadAllocatedBytes(notifying);
                long flushingBefore = threads.getThreadAllocatedBytes(flushing);
                int failures = 0;
                for (int i = 0; i < FLUSHES; i++) {
                    failures += driver.flush() == 0 ? 0 : 1;
                }
                long onNotifying = threads.getThreadAllocatedBytes(notifying) - notifyingBefore;
                long onFlushing = threads.getThreadAllocatedBytes(flushing) - flushingBefore;

                assertEquals(0, failures);
                assertTrue(onNotifying < SLACK_BYTES, onNotifying + " bytes on the notifying thread for " + FLUSHES
                        + " FLUSHes");
                assertTrue(onFlushing < SLACK_BYTES, onFlushing + " bytes on the flush thread for " + FLUSHES
                        + " FLUSHes");
            }
        }
    }

    private static Thread flushThread(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no thread " + name));
    }
}
