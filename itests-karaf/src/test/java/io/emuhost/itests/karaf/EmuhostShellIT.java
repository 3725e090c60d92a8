package io.emuhost.itests.karaf;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * A Karaf user's session: add emuhost's feature repository, install the {@code emuhost} feature,
 * create a virtio-pmem device with the {@code emuhost:} commands, let a guest driver (the
 * testkit, installed as a bundle) write and FLUSH through it, and unplug it again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class EmuhostShellIT {

    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(30);

    @Inject
    BundleContext context;

    @Inject
    SessionFactory sessionFactory;

    private KarafShell shell;
    private EmuhostMachine machine;

    @Configuration
    public Option[] config() {
        return options(KarafOptions.karaf(), KarafOptions.propagate("emuhost.target", "emuhost.features.url",
                "emuhost.testkit.url"));
    }

    /**
     * Installs the features and the testkit as a user would; a no-op when they are installed.
     * {@code --no-auto-refresh}: JNA satisfies an optional import of Karaf's JLine, and the
     * refresh that would rewire it restarts the shell under the running session.
     */
    @Before
    public void installEmuhost() throws Exception {
        KarafBoot.awaitFinished(context, SERVICE_TIMEOUT);
        shell = new KarafShell(sessionFactory);
        shell.execute("feature:repo-add " + System.getProperty("emuhost.features.url"));
        shell.execute("feature:install --no-auto-refresh emuhost");
        shell.execute("bundle:install -s " + System.getProperty("emuhost.testkit.url"));
        machine = EmuhostMachine.await(context, SERVICE_TIMEOUT);
        KarafBoot.await("emuhost:device-add registered", SERVICE_TIMEOUT, () -> shell.has("emuhost", "device-add"));
    }

    @After
    public void close() {
        if (machine != null) {
            machine.close();
        }
        shell.close();
    }

    @Test
    public void shellCreatesPmem_guestFlushReachesBackingFile_deviceDelUnplugs() throws Exception {
        Path file = backingFile("nv1.img");
        byte[] data = new byte[8192];
        new SplittableRandom(1).nextBytes(data);

        shell.execute("emuhost:object-add memory-backend-file id=mem1 mem-path=" + file + " size=16M share=on");
        shell.execute("emuhost:device-add virtio-pmem-pci,id=nv1,memdev=mem1");
        String info = shell.execute("emuhost:info memory-devices");
        int status = machine.writeAndFlush(0x1000, data);

        assertTrue(machine.hasDevice("nv1"));
        assertTrue(info, info.contains("Memory device [virtio-pmem]: \"nv1\"\n"));
        assertTrue(info, info.contains("  memdev: /objects/mem1\n"));
        assertEquals(0, status);
        assertArrayEquals(data, read(file, 0x1000, data.length));

        shell.execute("emuhost:device-del nv1");
        shell.execute("emuhost:object-del mem1");

        assertFalse(machine.hasDevice("nv1"));
        assertFalse(machine.hasObject("mem1"));
        assertEquals("", shell.execute("emuhost:info"));
    }

    @Test
    public void completion_offersTypesDriversIdsAndProperties() throws Exception {
        shell.execute("emuhost:object-add memory-backend-file id=mem7 mem-path=" + backingFile("nv7.img") + " size=2M");
        shell.execute("emuhost:object-add memory-backend-file id=mem8 mem-path=" + backingFile("nv8.img") + " size=2M");
        shell.execute("emuhost:device-add virtio-pmem-pci id=nv7 memdev=mem7");
        try {
            assertTrue(shell.complete("emuhost:object-add ").containsAll(
                    List.of("memory-backend-file", "memory-backend-ram")));
            assertEquals(List.of("memory-backend-file"), shell.complete("emuhost:object-add memory-backend-f"));
            assertTrue(shell.complete("emuhost:device-add ").containsAll(List.of("virtio-pmem-pci", "virtio-rng-pci")));
            assertEquals(List.of("nv7"), shell.complete("emuhost:device-del nv"));
            assertEquals(List.of("mem7", "mem8"), shell.complete("emuhost:object-del mem"));
            // mem7 is nv7's: only the unused backend is offered
            assertEquals(List.of("memdev=mem8"),
                    shell.complete("emuhost:device-add virtio-pmem-pci id=nv8 memdev=mem"));
            assertTrue(shell.complete("emuhost:object-add memory-backend-file id=mem9 mem-").contains("mem-path="));
        } finally {
            shell.execute("emuhost:device-del nv7");
            shell.execute("emuhost:object-del mem7");
            shell.execute("emuhost:object-del mem8");
        }
    }

    @Test
    public void helpAsType_listsWhatTheFactoriesServe() throws Exception {
        String types = shell.execute("emuhost:object-add help");
        String drivers = shell.execute("emuhost:device-add help");

        assertTrue(types, types.lines().toList().containsAll(List.of("Object types:", "  memory-backend-file", "  x-remote-object")));
        assertTrue(drivers, drivers.lines().toList().containsAll(
                List.of("Device drivers:", "  virtio-pmem-pci", "  virtio-rng-pci")));
    }

    @Test
    public void refusals_areTheCommandsErrorInQemusWords() throws Exception {
        Exception noMemdev = assertThrows(Exception.class,
                () -> shell.execute("emuhost:device-add virtio-pmem-pci id=nv9"));
        Exception noDevice = assertThrows(Exception.class, () -> shell.execute("emuhost:device-del nv9"));
        Exception bareKey = assertThrows(Exception.class,
                () -> shell.execute("emuhost:object-add memory-backend-file id=mem9 share"));

        assertEquals("'memdev' property must be set", noMemdev.getMessage());
        assertEquals("Device 'nv9' not found", noDevice.getMessage());
        assertEquals("Expected '=' after parameter 'share'", bareKey.getMessage());
        assertFalse(machine.hasDevice("nv9"));
    }

    private static Path backingFile(String name) throws Exception {
        Path file = Path.of(System.getProperty("emuhost.target"), "pmem", name);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        return file;
    }

    private static byte[] read(Path file, long offset, int length) throws Exception {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] bytes = new byte[length];
            raf.seek(offset);
            raf.readFully(bytes);
            return bytes;
        }
    }
}
