package io.emuhost.itests.karaf;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * A Karaf user attaches a QEMU guest (docs/karaf.md): the {@code emuhost} feature brings
 * {@code emuhost-qemu-remote}; a virtio-pmem device and an {@code x-remote-object} serving it on a
 * socket are created, once with the {@code emuhost:} commands and once by factory configuration
 * files dropped into Karaf's {@code etc/}; Debian's QEMU 7.2 ({@link ProxiedQemu}: {@code -S},
 * qtest, an {@code x-pci-proxy-dev}) then reads the device's PCI identity through the proxied
 * config space, programs BAR4 and reads the virtio-pmem registers through it, and a store QEMU
 * makes into its RAM is what emuhost reads there. Skipped, with the reason, without QEMU or python3
 * ({@link QemuRequired}).
 */
@RunWith(QemuRequired.class)
@ExamReactorStrategy(PerClass.class)
public class QemuRemoteIT {

    private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(30);
    /** FileInstall polls {@code etc/} every second (Karaf's {@code felix.fileinstall.poll}). */
    private static final Duration FILE_TIMEOUT = Duration.ofSeconds(30);
    private static final long PMEM_SIZE = 64L << 20;
    /** virtio 1.2 §4.1.2: vendor 0x1af4, device 0x1040 + 27 (pmem), as one dword at offset 0. */
    private static final int VIRTIO_PMEM_ID = 0x105b_1af4;
    /** Where the test places BAR4 in QEMU's PCI hole, as firmware would. */
    private static final long BAR4 = 0xfe00_0000L;

    @Inject
    BundleContext context;

    @Inject
    SessionFactory sessionFactory;

    private KarafShell shell;
    private EmuhostMachine machine;
    private Path dir;
    private final List<Path> etcFiles = new ArrayList<>();

    @Configuration
    public Option[] config() {
        return options(KarafOptions.karaf(), KarafOptions.propagate("emuhost.target", "emuhost.features.url"));
    }

    /** Installs the aggregate feature as a user would; a no-op when it is installed. */
    @Before
    public void installEmuhost() throws Exception {
        KarafBoot.awaitFinished(context, SERVICE_TIMEOUT);
        shell = new KarafShell(sessionFactory);
        shell.execute("feature:repo-add " + System.getProperty("emuhost.features.url"));
        shell.execute("feature:install --no-auto-refresh emuhost");
        machine = EmuhostMachine.await(context, SERVICE_TIMEOUT);
        KarafBoot.await("emuhost:object-add registered", SERVICE_TIMEOUT, () -> shell.has("emuhost", "object-add"));
        // sun_path holds 108 bytes: the sockets go to a short directory, not under target/
        dir = Files.createTempDirectory("emuhost-karaf");
    }

    @After
    public void close() throws Exception {
        for (int i = etcFiles.size() - 1; i >= 0; i--) {
            Files.deleteIfExists(etcFiles.get(i));
        }
        if (machine != null) {
            machine.close();
        }
        shell.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    public void shellCreatesRemoteObject_qemuReachesThePmemDeviceThroughTheProxy() throws Exception {
        Path pmem = backingFile("remote1.img");
        Path socket = dir.resolve("rnv1.sock");
        long memaddr = 0x1_0000_0000L;
        assertEquals(List.of("x-remote-object"), shell.complete("emuhost:object-add x-"));
        assertTrue(shell.complete("emuhost:object-add x-remote-object id=r9 ").containsAll(
                List.of("devid=", "socket=", "auto-shutdown=")));

        shell.execute("emuhost:object-add memory-backend-file id=rmem1 mem-path=" + pmem + " size=64M share=on");
        shell.execute("emuhost:device-add virtio-pmem-pci id=rnv1 memdev=rmem1 memaddr=0x" + Long.toHexString(memaddr)
                + " vectors=0 x-bar64=off");
        shell.execute("emuhost:object-add x-remote-object,id=rr1,devid=rnv1,socket=" + socket + ",auto-shutdown=off");
        try {
            assertTrue(machine.hasObject("rr1"));
            assertTrue(socket + " listens", Files.exists(socket));
            try (ProxiedQemu qemu = ProxiedQemu.start(dir, socket, pmem, memaddr, PMEM_SIZE)) {
                assertReachesPmem(qemu, memaddr);

                qemu.write(0x2000, 4, 0xcafe_f00dL);
                assertEquals("emuhost reads QEMU's RAM (SYNC_SYSMEM)", 0xcafe_f00dL, machine.read(0x2000, 4));
            }
            // auto-shutdown=off: the connection's end leaves the object listening for the next QEMU
            // and the device plugged; Karaf and the machine go on
            KarafBoot.await("the object listens again", SERVICE_TIMEOUT, () -> Files.exists(socket));
            assertTrue(machine.hasDevice("rnv1"));
        } finally {
            shell.execute("emuhost:object-del rr1");
            shell.execute("emuhost:device-del rnv1");
            shell.execute("emuhost:object-del rmem1");
        }
        assertFalse(machine.hasObject("rr1"));
        assertFalse("object-del unlinks the socket", Files.exists(socket));
    }

    @Test
    public void factoryConfigurationsInEtc_createDeviceAndRemoteObject_qemuReachesTheDevice() throws Exception {
        Path pmem = backingFile("remote2.img");
        Path socket = dir.resolve("cnv2.sock");
        long memaddr = 0x1_4000_0000L;

        // a device file must come after its backend exists (docs/karaf.md), so one file at a time
        dropIntoEtc("io.emuhost.object-cmem2.cfg", "qom-type=memory-backend-file", "id=cmem2", "mem-path=" + pmem,
                "size=64M", "share=on");
        KarafBoot.await("cmem2 from etc/", FILE_TIMEOUT, () -> machine.hasObject("cmem2"));
        dropIntoEtc("io.emuhost.device-cnv2.cfg", "driver=virtio-pmem-pci", "id=cnv2", "memdev=cmem2",
                "memaddr=0x" + Long.toHexString(memaddr), "vectors=0", "x-bar64=off");
        KarafBoot.await("cnv2 from etc/", FILE_TIMEOUT, () -> machine.hasDevice("cnv2"));
        dropIntoEtc("io.emuhost.object-cr2.cfg", "qom-type=x-remote-object", "id=cr2", "devid=cnv2",
                "socket=" + socket, "auto-shutdown=off");
        KarafBoot.await("cr2 from etc/ listening", FILE_TIMEOUT, () -> machine.hasObject("cr2") && Files.exists(socket));

        try (ProxiedQemu qemu = ProxiedQemu.start(dir, socket, pmem, memaddr, PMEM_SIZE)) {
            assertReachesPmem(qemu, memaddr);
        }

        // deleting a file deletes what it made (object_del / device_del), the remote object first
        removeFromEtc("io.emuhost.object-cr2.cfg");
        KarafBoot.await("cr2 deleted with its file", FILE_TIMEOUT, () -> !machine.hasObject("cr2"));
        removeFromEtc("io.emuhost.device-cnv2.cfg");
        KarafBoot.await("cnv2 unplugged with its file", FILE_TIMEOUT, () -> !machine.hasDevice("cnv2"));
        removeFromEtc("io.emuhost.object-cmem2.cfg");
        KarafBoot.await("cmem2 deleted with its file", FILE_TIMEOUT, () -> !machine.hasObject("cmem2"));
        assertFalse(Files.exists(socket));
    }

    /**
     * What the guest's CPU sees of the device behind the proxy: its identity in config space (each
     * read a PCI_CFGREAD), then, once BAR4 is programmed through forwarded config writes, the
     * virtio-pmem registers (each read a BAR_READ emuhost decodes with the BAR it was given).
     */
    private static void assertReachesPmem(ProxiedQemu qemu, long memaddr) throws Exception {
        assertEquals("vendor and device id", VIRTIO_PMEM_ID, qemu.configRead(0x00, 4));
        assertEquals("revision 1 (virtio 1.2 §4.1.2.1)", 1, qemu.configRead(0x08, 1));
        assertEquals("subsystem vendor", 0x1af4, qemu.configRead(0x2c, 2));

        qemu.configWrite(0x20, 4, (int) BAR4);
        qemu.configWrite(0x04, 2, 0x0006); // memory space + bus master
        assertEquals("BAR4 as programmed: 32-bit memory (x-bar64=off)", BAR4 | 0x8,
                qemu.configRead(0x20, 4) & 0xffff_ffffL);
        assertEquals("num_queues (common config)", 1, qemu.read(BAR4 + 0x12, 2));
        assertEquals("start, low dword (device config)", memaddr & 0xffff_ffffL, qemu.read(BAR4 + 0x2000, 4));
        assertEquals("start, high dword", memaddr >>> 32, qemu.read(BAR4 + 0x2004, 4));
        assertEquals("size (device config)", PMEM_SIZE, qemu.read(BAR4 + 0x2008, 8));
    }

    /** A file FileInstall sees whole: written beside it under a name it ignores, then renamed. */
    private void dropIntoEtc(String name, String... lines) throws Exception {
        Path etc = Path.of(System.getProperty("karaf.etc"));
        Path file = etc.resolve(name);
        Path partial = etc.resolve(name + ".partial");
        Files.writeString(partial, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        etcFiles.add(file);
    }

    private void removeFromEtc(String name) throws Exception {
        Path file = Path.of(System.getProperty("karaf.etc")).resolve(name);
        Files.delete(file);
        etcFiles.remove(file);
    }

    private static Path backingFile(String name) throws Exception {
        Path file = Path.of(System.getProperty("emuhost.target"), "pmem", name);
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        return file;
    }
}
