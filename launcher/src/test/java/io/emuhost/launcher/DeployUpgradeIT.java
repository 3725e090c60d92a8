package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 0: live upgrade from emuhost.jar. While a qtest driver FLUSHes nv1 in a loop, the
 * virtio-pmem 1.1.0 fixture (same symbolic name, built from the same sources) is dropped into the
 * deploy directory: it replaces the embedded 1.0.0 and nv1 is served by 1.1.0; removing the jar
 * brings 1.0.0 back the same way. No FLUSH fails or is lost on the way.
 */
class DeployUpgradeIT {

    private static final String PMEM = "io.emuhost.virtio-pmem";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The guest: FLUSH n, wait for its answer, check it; until told to stop. */
    private static final class FlushLoop extends Thread {
        private final QtestPmemDriver driver;
        volatile int answered;
        volatile boolean stop;
        volatile Throwable failure;

        FlushLoop(QtestPmemDriver driver) {
            super("qtest-flush-loop");
            this.driver = driver;
        }

        @Override
        public void run() {
            try {
                for (int n = 0; !stop; n++) {
                    driver.publishFlush(n);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (driver.usedIdx() != (n + 1 & 0xffff)) {
                        if (System.nanoTime() - deadline > 0) {
                            throw new AssertionError("FLUSH " + n + " unanswered for 30 s");
                        }
                        Thread.sleep(1);
                    }
                    assertEquals(0, driver.ret(n), "ret of FLUSH " + n);
                    assertEquals(2 * (n % QtestPmemDriver.SLOTS), driver.usedId(n), "used id of FLUSH " + n);
                    answered = n + 1;
                }
            } catch (Throwable t) {
                failure = t;
            }
        }

        void awaitMore(int count) throws InterruptedException {
            int target = answered + count;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (answered < target && failure == null && System.nanoTime() - deadline < 0) {
                Thread.sleep(5);
            }
            assertNull(failure, () -> "flush loop failed: " + failure);
            assertTrue(answered >= target, "flushes stalled at " + answered);
        }
    }

    @Test
    @Timeout(180)
    void fixtureDroppedIntoDeploy_replacesEmbeddedPmemUnderFlushingDriver_andRemovalRestoresIt() throws Exception {
        Path fixture = Path.of(System.getProperty("emuhost.fixture.pmem110"));
        Path deploy = dir.resolve("deploy");
        Path image = QtestTargets.image(dir);
        Path qtestSocket = dir.resolve("qtest.sock");
        Path qmpSocket = dir.resolve("qmp.sock");
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-deploy", deploy.toString(), "-machine", "pc",
                "-nodefaults", "-display", "none", "-m", "1G,maxmem=8G",
                "-object", "memory-backend-file,id=m1,share=on,mem-path=" + image + ",size=" + QtestTargets.PMEM_SIZE,
                "-device", "virtio-pmem-pci,id=nv1,memdev=m1,vectors=0",
                "-qtest", "unix:" + qtestSocket + ",server=on,wait=off", "-qtest-log", "none",
                "-qmp", "unix:" + qmpSocket + ",server=on,wait=off", "-monitor", "none");
                QtestClient qtest = QtestClient.connect(qtestSocket, () -> emuhost.stdout() + emuhost.stderr());
                MonitorClient qmp = MonitorClient.negotiated(qmpSocket)) {
            String before = qmp.query("x-query-bundles");
            assertTrue(servedBy(before, "1.0.0"), before);
            FlushLoop loop = new FlushLoop(QtestPmemDriver.open(qtest));
            loop.start();
            try {
                loop.awaitMore(5);

                Path dropped = deploy.resolve("virtio-pmem-1.1.0.jar");
                Path partial = deploy.resolve(".virtio-pmem-1.1.0.jar.part");
                Files.copy(fixture, partial);
                Files.move(partial, dropped); // complete when FileInstall sees it
                String upgraded = qmp.poll("x-query-bundles", reply -> servedBy(reply, "1.1.0"));
                assertTrue(json(upgraded).path("return").path("waiting").isEmpty(), upgraded);
                assertShowsServingVersion(qmp, "1.1.0");
                loop.awaitMore(5);

                Files.delete(dropped);
                qmp.poll("x-query-bundles", reply -> servedBy(reply, "1.0.0"));
                assertShowsServingVersion(qmp, "1.0.0");
                loop.awaitMore(5);
            } finally {
                loop.stop = true;
                loop.join(TimeUnit.SECONDS.toMillis(40));
            }
            assertFalse(loop.isAlive(), "the flush loop hangs");
            assertNull(loop.failure, () -> "flush loop failed: " + loop.failure + "\nstderr:\n" + emuhost.stderr());
            qmp.query("quit");
            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
            assertEquals("", emuhost.stderr(), "no warning or error on the way");
        }
    }

    /** {@code info virtio-pmem} and {@code qom-get} of nv1 name the revision serving it. */
    private static void assertShowsServingVersion(MonitorClient qmp, String version) throws IOException {
        JsonNode pmem = json(qmp.query("x-query-virtio-pmem")).path("return");
        assertEquals(1, pmem.size(), pmem::toString);
        assertEquals("nv1", pmem.get(0).path("id").asText());
        assertEquals(PMEM, pmem.get(0).path("bundle").asText(), pmem::toString);
        assertEquals(version, pmem.get(0).path("bundle-version").asText(), pmem::toString);
        String human = reply(qmp, "{\"execute\": \"human-monitor-command\", \"arguments\": "
                + "{\"command-line\": \"info virtio-pmem\"}}").path("return").asText();
        assertTrue(human.startsWith("virtio-pmem nv1 (memdev m1):\r\n  requests: "), human);
        assertTrue(human.contains("\r\n  served by: " + PMEM + " " + version + " (bundle "), human);
        assertEquals(PMEM + " " + version, reply(qmp, "{\"execute\": \"qom-get\", \"arguments\": "
                + "{\"path\": \"/machine/peripheral/nv1\", \"property\": \"x-bundle\"}}").path("return").asText());
    }

    /** The reply to one QMP request, skipping events. */
    private static JsonNode reply(MonitorClient qmp, String request) throws IOException {
        String line = qmp.ask(request);
        while (line != null && line.startsWith("{\"timestamp\"")) {
            line = qmp.line();
        }
        return json(line);
    }

    /**
     * Whether exactly one virtio-pmem bundle is installed (replaced, not installed beside), it has
     * that version, and it serves nv1 with a revision of that version.
     */
    private static boolean servedBy(String reply, String version) {
        List<JsonNode> pmem = new ArrayList<>();
        for (JsonNode bundle : json(reply).path("return").path("bundles")) {
            if (PMEM.equals(bundle.path("name").asText())) {
                pmem.add(bundle);
            }
        }
        assertEquals(1, pmem.size(), () -> "one virtio-pmem bundle: replaced, not beside: " + reply);
        JsonNode bundle = pmem.get(0);
        if (!version.equals(bundle.path("version").asText())) {
            return false;
        }
        for (JsonNode served : bundle.path("serves")) {
            if ("nv1".equals(served.path("id").asText())) {
                return version.equals(served.path("version").asText());
            }
        }
        return false;
    }

    private static JsonNode json(String reply) {
        try {
            return JSON.readTree(reply);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
