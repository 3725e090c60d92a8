package io.emuhost.itests.monitor;

import static io.emuhost.itests.monitor.MonitorFixture.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ConfigurationException.ErrorClass;
import io.emuhost.testkit.driver.VirtioPmemDriver;
import io.emuhost.virtio.pmem.internal.PmemStatistics;
import io.emuhost.virtio.pmem.internal.VirtioPmemPciDevice;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The FLUSH rate limit end to end: a guest driver flushing nv1 one FLUSH at a time (each its own
 * fsync, so each takes a token) while QMP {@code qom-set} sets and changes {@code flush-ops} and
 * {@code flush-ops-burst}. Only lower bounds on time are asserted, computed from the bucket: after
 * the burst, each token is due {@code ceil(1 s / flush-ops)} after the previous one.
 */
class FlushRateLimitTest {

    private static final long SECOND = 1_000_000_000L;
    private static final String NV1 = "{\"path\": \"/machine/peripheral/nv1\", \"property\": ";

    @TempDir
    Path dir;
    private MonitorFixture f;
    private VirtioPmemDriver driver;

    @BeforeEach
    void start() throws ConfigurationException {
        f = new MonitorFixture(dir);
        driver = VirtioPmemDriver.open(f.machine.bus(), f.machine.interrupts(),
                VirtioPmemDriver.options(0x10_0000, 0x10_0000));
    }

    @AfterEach
    void stop() {
        driver.close();
        f.close();
    }

    private void qomSet(String property, Object value) throws ConfigurationException {
        assertEquals("{}", f.qmp("qom-set", args(NV1 + "\"" + property + "\", \"value\": "
                + MonitorFixture.json(value) + "}")));
    }

    private ConfigurationException qomSetError(String property, String jsonValue) {
        return assertThrows(ConfigurationException.class, () -> f.registry.executeQmp("qom-set",
                args(NV1 + "\"" + property + "\", \"value\": " + jsonValue + "}")));
    }

    private PmemStatistics statistics() {
        return ((VirtioPmemPciDevice) f.machine.device("nv1").orElseThrow()).virtioDevice().statistics();
    }

    /** Runs n FLUSHes one after the other; returns the nanoseconds they took. */
    private long flushes(int n) throws InterruptedException {
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            assertEquals(0, driver.flush(), "FLUSH " + i + " is answered with success, not failed");
        }
        return System.nanoTime() - start;
    }

    private static long tokenInterval(long opsPerSecond) {
        return (SECOND + opsPerSecond - 1) / opsPerSecond;
    }

    @Test
    void limit_isHeld_andQomSetChangesItWhileFlushing() throws ConfigurationException, InterruptedException {
        qomSet("flush-ops", 20);
        qomSet("flush-ops-burst", 5);
        assertEquals("20", f.qmp("qom-get", args(NV1 + "\"flush-ops\"}")));
        assertEquals("5", f.qmp("qom-get", args(NV1 + "\"flush-ops-burst\"}")));

        // the bucket starts full (5 tokens) when the limit is set: 15 fsyncs need 10 refills
        long elapsed = flushes(15);
        assertTrue(elapsed >= (15 - 5) * tokenInterval(20), elapsed + " ns for 15 FLUSHes at 20/s, burst 5");
        assertTrue(statistics().throttles() > 0);

        // a slower limit with burst 1: at most 1 token is left, so 6 fsyncs need 5 refills at 10/s
        // (0.5 s; under the old limit they would need at most 0.3 s)
        qomSet("flush-ops", 10);
        qomSet("flush-ops-burst", 1);
        long slower = flushes(6);
        assertTrue(slower >= (6 - 1) * tokenInterval(10), slower + " ns for 6 FLUSHes at 10/s, burst 1");

        // 0: unlimited again; nothing waits any more
        qomSet("flush-ops", 0);
        long throttles = statistics().throttles();
        flushes(200);
        assertEquals(throttles, statistics().throttles());
        assertEquals("0", f.qmp("qom-get", args(NV1 + "\"flush-ops\"}")));
    }

    @Test
    void qomSet_badValuesAndFixedProperties_haveQemuErrors_andChangeNothing() throws ConfigurationException {
        qomSet("flush-ops", 50);

        assertEquals("Parameter 'flush-ops' expects uint32_t", qomSetError("flush-ops", "-1").getMessage());
        assertEquals("Parameter 'flush-ops-burst' expects uint32_t",
                qomSetError("flush-ops-burst", "4294967296").getMessage());
        assertEquals("Parameter 'flush-ops' expects uint64", qomSetError("flush-ops", "\"fast\"").getMessage());
        assertEquals("Attempt to set property 'memdev' on device 'nv1' (type 'virtio-pmem-pci') after it was "
                + "realized", qomSetError("memdev", "\"mem2\"").getMessage());
        assertEquals("Property 'virtio-pmem-pci.nosuch' not found", qomSetError("nosuch", "1").getMessage());
        ConfigurationException missing = assertThrows(ConfigurationException.class, () -> f.registry.executeQmp(
                "qom-set", args(NV1 + "\"flush-ops\"}")));
        assertEquals("Parameter 'value' is missing", missing.getMessage());
        ConfigurationException noDevice = assertThrows(ConfigurationException.class, () -> f.registry.executeQmp(
                "qom-set", args("{\"path\": \"/machine/peripheral/nv9\", \"property\": \"flush-ops\", \"value\": 1}")));
        assertEquals(ErrorClass.DEVICE_NOT_FOUND, noDevice.errorClass());
        assertEquals("cannot change property 'size' of memory-backend-file", assertThrows(
                ConfigurationException.class, () -> f.registry.executeQmp("qom-set",
                        args("{\"path\": \"/objects/mem1\", \"property\": \"size\", \"value\": 1}"))).getMessage());

        assertEquals("50", f.qmp("qom-get", args(NV1 + "\"flush-ops\"}")));
    }
}
