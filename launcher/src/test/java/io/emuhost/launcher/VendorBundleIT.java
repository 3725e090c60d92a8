package io.emuhost.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 item 6: the device bundle the archetype generates (the archetype module's integration
 * test generates and builds it, {@code acme-rng}) loads into emuhost.jar's deploy directory as it
 * comes: its driver appears, plugs, and names its bundle.
 */
class VendorBundleIT {

    private static final String DRIVER = "acme-rng-pci";

    @TempDir
    Path dir;

    @Test
    void generatedBundle_droppedIntoDeploy_servesItsDriver() throws Exception {
        Path generated = Path.of(System.getProperty("emuhost.vendor.bundle"));
        assertTrue(Files.isRegularFile(generated), generated + " (built by the archetype module's integration test)");
        Path deploy = dir.resolve("deploy");
        Path qmpSocket = dir.resolve("q.sock");
        try (EmuhostProcess emuhost = EmuhostProcess.start(dir, "-deploy", deploy.toString(), "-machine", "pc",
                "-nodefaults", "-display", "none", "-m", "1G",
                "-qmp", "unix:" + qmpSocket + ",server=on,wait=off", "-monitor", "none");
                MonitorClient qmp = MonitorClient.negotiated(qmpSocket)) {
            String before = qmp.ask("{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"" + DRIVER
                    + "\", \"id\": \"r0\"}}");
            assertTrue(before.contains("\"error\"") && before.contains(DRIVER), before);

            Files.copy(generated, deploy.resolve(generated.getFileName()));
            // FileInstall polls every 500 ms; the driver is there once the bundle's factory registered
            String added = before;
            for (long deadline = System.nanoTime() + 30_000_000_000L; !added.equals("{\"return\": {}}")
                    && System.nanoTime() - deadline < 0; Thread.sleep(100)) {
                added = qmp.ask("{\"execute\": \"device_add\", \"arguments\": {\"driver\": \"" + DRIVER
                        + "\", \"id\": \"r1\"}}");
            }
            assertEquals("{\"return\": {}}", added, emuhost.stderr());
            assertTrue(qmp.query("query-pci").contains("\"qdev_id\": \"r1\""), qmp.query("query-pci"));
            String bundle = qmp.ask("{\"execute\": \"qom-get\", \"arguments\": {\"path\": \"/machine/peripheral/r1\", "
                    + "\"property\": \"x-bundle\"}}");
            assertEquals("{\"return\": \"com.example.acme.acme-rng 1.0.0\"}", bundle);

            qmp.query("quit");
            assertEquals(0, emuhost.awaitExit(), emuhost.stderr());
        }
    }
}
