package io.emuhost.virtio.pmem.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.machine.ServingBundle;
import io.emuhost.api.monitor.CommandSpec;
import io.emuhost.testkit.device.FakeTransport;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code info virtio-pmem} and {@code x-query-virtio-pmem} over live devices. */
class VirtioPmemInfoCommandTest {

    private final LivePmemDevices live = new LivePmemDevices();
    private final VirtioPmemInfoCommand command = new VirtioPmemInfoCommand(live,
            new ServingBundle(22, "io.emuhost.virtio-pmem", "1.1.0"));
    private final PmemRig rig = new PmemRig();

    @AfterEach
    void close() {
        rig.close();
    }

    private VirtioPmemPciDevice listed(Optional<String> id) {
        FakeTransport transport = new FakeTransport();
        return new VirtioPmemPciDevice(transport, transport.function(), rig.device, new MemoryDeviceInfo("virtio-pmem",
                id, PmemRig.MEMADDR, PmemRig.PMEM_SIZE, "/objects/mem1"), "mem1", Map.of(), live);
    }

    private void flush(int n) throws Exception {
        rig.offerFlush(n);
        rig.kick();
        rig.settle();
        rig.pollUsed();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> query() {
        return (List<Map<String, Object>>) command.execute(null);
    }

    @Test
    void spec_isQmpXQueryAndHmpInfoWithoutArguments() {
        CommandSpec spec = command.spec();

        assertEquals(Optional.of("x-query-virtio-pmem"), spec.qmpName());
        assertEquals(Optional.of("virtio-pmem"), spec.hmpName());
        assertTrue(spec.hmpInfo());
        assertEquals(List.of(), spec.arguments());
    }

    @Test
    void execute_afterThreeFlushes_reportsCountsAndLatencies() throws Exception {
        listed(Optional.of("nv1"));
        flush(0);
        flush(1);
        flush(2);

        List<Map<String, Object>> result = query();

        assertEquals(1, result.size());
        Map<String, Object> device = result.get(0);
        assertEquals(List.of("id", "memdev", "requests", "fsyncs", "errors", "latency-p50-ns", "latency-p99-ns",
                "bundle", "bundle-version", "bundle-id"),
                List.copyOf(device.keySet()));
        assertEquals("nv1", device.get("id"));
        assertEquals("mem1", device.get("memdev"));
        assertEquals(3L, device.get("requests"));
        assertEquals(3L, device.get("fsyncs"));
        assertEquals(0L, device.get("errors"));
        assertEquals("io.emuhost.virtio-pmem", device.get("bundle"));
        assertEquals("1.1.0", device.get("bundle-version"));
        assertEquals(22L, device.get("bundle-id"));
        long p50 = (Long) device.get("latency-p50-ns");
        assertTrue(p50 > 0, "p50 " + p50);
        assertTrue((Long) device.get("latency-p99-ns") >= p50);
    }

    @Test
    void execute_failedFlush_countsAnError() throws Exception {
        listed(Optional.of("nv1"));
        rig.backend.failFlushes();
        flush(0);

        Map<String, Object> device = query().get(0);

        assertEquals(1L, device.get("requests"));
        assertEquals(1L, device.get("errors"));
    }

    @Test
    void execute_deviceWithoutId_showsEmptyId() {
        listed(Optional.empty());

        assertEquals("", query().get(0).get("id"));
    }

    @Test
    void execute_closedDevice_isNoLongerListed() {
        listed(Optional.of("nv1")).close();

        assertEquals(List.of(), query());
    }

    @Test
    void formatHuman_printsOneBlockPerDeviceWithLatencyInMicroseconds() {
        List<Map<String, Object>> result = List.of(
                Map.of("id", "nv1", "memdev", "mem1", "requests", 5L, "fsyncs", 3L, "errors", 0L,
                        "latency-p50-ns", 12_288L, "latency-p99-ns", 40_000L, "bundle", "io.emuhost.virtio-pmem",
                        "bundle-version", "1.1.0", "bundle-id", 22L),
                Map.of("id", "", "memdev", "mem2", "requests", 0L, "fsyncs", 0L, "errors", 0L,
                        "latency-p50-ns", 0L, "latency-p99-ns", 0L, "bundle", "io.emuhost.virtio-pmem",
                        "bundle-version", "1.1.0", "bundle-id", 22L));

        String text = command.formatHuman(result);

        assertEquals("virtio-pmem nv1 (memdev mem1):\n"
                + "  requests: 5\n"
                + "  fsyncs: 3\n"
                + "  errors: 0\n"
                + "  flush latency p50: 12 us, p99: 40 us\n"
                + "  served by: io.emuhost.virtio-pmem 1.1.0 (bundle 22)\n"
                + "virtio-pmem (no id) (memdev mem2):\n"
                + "  requests: 0\n"
                + "  fsyncs: 0\n"
                + "  errors: 0\n"
                + "  flush latency p50: 0 us, p99: 0 us\n"
                + "  served by: io.emuhost.virtio-pmem 1.1.0 (bundle 22)\n", text);
    }

    @Test
    void formatHuman_noDevices_printsNothing() {
        assertEquals("", command.formatHuman(List.of()));
    }
}
