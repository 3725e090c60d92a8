package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.UserObject;
import io.emuhost.api.machine.Frontend;
import io.emuhost.testkit.device.TestProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -object x-remote-object,...}: properties, both connection forms, lazy devid, close. */
class RemoteObjectTest {

    @TempDir
    Path dir;
    private RemoteRig rig;
    private Map<String, Integer> before;

    @BeforeEach
    void machine() throws Exception {
        rig = new RemoteRig(dir);
        before = Fds.ours();
    }

    @AfterEach
    void close() {
        rig.close();
        assertTrue(mpqemuThreadsGone(), "no mpqemu thread outlives the machine");
    }

    @Test
    void neitherFdNorSocket_isRefused() {
        assertEquals("Parameter 'fd' or 'socket' is missing", refusal("devid", "nv1"));
    }

    @Test
    void fdAndSocket_areMutuallyExclusive() {
        assertEquals("Parameters 'fd' and 'socket' are mutually exclusive",
                refusal("devid", "nv1", "fd", "3", "socket", "/tmp/x.sock"));
    }

    @Test
    void devidMissing_isRefused() {
        assertEquals("Parameter 'devid' is missing", refusal("fd", "3"));
    }

    @Test
    void withoutAMachine_creationIsRefused() {
        RemoteObjectFactory factory = new RemoteObjectFactory(null, rig.files, MpqemuConnection.DEVICE_WAIT, () -> { });
        assertEquals("x-remote-object 'r0': no machine is running", assertThrows(ConfigurationException.class,
                () -> factory.create("r0", TestProperties.of("devid", "nv1", "socket", "/tmp/x.sock"))).getMessage());
        assertEquals(RemoteObjectOptions.SPECS, factory.properties());
    }

    @Test
    void fdThatIsNoNumber_isRefusedAsQemuDoes() {
        assertEquals("Could not parse remote object fd abc:Invalid file descriptor number 'abc'",
                refusal("devid", "nv1", "fd", "abc"));
    }

    @Test
    void fdThatIsNoSocket_isRefused() {
        int memfd = Fds.memfd("not-a-socket", 4096);
        try {
            assertEquals("File descriptor '" + memfd + "' is not a socket",
                    refusal("devid", "nv1", "fd", Integer.toString(memfd)));
            assertEquals("File descriptor '9999' is not a socket", refusal("devid", "nv1", "fd", "9999"));
        } finally {
            Fds.close(memfd);
        }
    }

    @Test
    void socketPathTooLong_isRefused() {
        String path = "/tmp/" + "x".repeat(120);
        assertEquals("UNIX socket path '" + path + "' is too long", refusal("devid", "nv1", "socket", path));
    }

    @Test
    void socketPathInAMissingDirectory_reportsTheBindFailure() {
        String path = dir.resolve("missing/r0.sock").toString();
        assertEquals("Failed to bind socket to " + path + ": No such file or directory",
                refusal("devid", "nv1", "socket", path));
    }

    @Test
    void inheritedFd_isServedUntilCloseWhichClosesItAndJoinsTheThread() throws Exception {
        rig.withPmem();
        int[] pair = Fds.socketpair();
        RemoteObject object = create("devid", "nv1", "fd", Integer.toString(pair[0]));
        try (FakeQemu qemu = new FakeQemu(pair[1])) {
            assertEquals(0x1af4, qemu.configRead(0, 2));
            assertEquals("mpqemu-r0", object.thread().getName());

            object.close();

            assertFalse(object.thread().isAlive());
            assertFalse(Fds.isOpen(pair[0]), "the inherited socket is closed");
            assertTrue(qemu.closedByRemote(1000));
        }
        assertEquals(before, Fds.ours());
    }

    @Test
    void socketPath_servesConnectionsOneAfterAnother_andCloseUnlinksIt() throws Exception {
        rig.withPmem();
        Path path = dir.resolve("r0.sock");
        RemoteObject object = create("devid", "nv1", "socket", path.toString(), "auto-shutdown", "off");
        for (int i = 0; i < 3; i++) {
            try (FakeQemu qemu = new FakeQemu(Fds.connect(path))) {
                assertEquals(0x105b, qemu.configRead(2, 2), "connection " + i);
            }
        }
        try (FakeQemu qemu = new FakeQemu(Fds.connect(path))) {
            assertEquals(0x1af4, qemu.configRead(0, 2));
            object.close();
            assertTrue(qemu.closedByRemote(1000), "close ends the connection being served");
        }

        assertFalse(Files.exists(path));
        assertFalse(object.thread().isAlive());
        assertEquals(0, rig.exits.get(), "auto-shutdown=off never ends the host");
        assertEquals(before, Fds.ours());
    }

    @Test
    void staleSocketAtThePath_isReplaced() throws Exception {
        rig.withPmem();
        Path path = dir.resolve("r0.sock");
        RemoteObject first = create("devid", "nv1", "socket", path.toString());
        first.thread(); // listening
        RemoteObject second = rig.remote.get().create("r1",
                TestProperties.of("devid", "nv1", "socket", path.toString()));
        try (FakeQemu qemu = new FakeQemu(Fds.connect(path))) {
            assertEquals(0x1af4, qemu.configRead(0, 2));
        } finally {
            second.close();
            first.close();
        }
    }

    @Test
    void objectBeforeDevice_resolvesDevidWhenTheConnectionStarts_andObjectDelStopsIt() throws Exception {
        Path path = dir.resolve("r0.sock");
        UserObject object = rig.machine.addObject(RemoteObjectOptions.TYPE,
                Map.of("id", "r0", "devid", "nv1", "socket", path.toString()), Frontend.COMMAND_LINE);
        rig.withPmem();
        try (FakeQemu qemu = new FakeQemu(Fds.connect(path))) {
            assertEquals(0x1af4, qemu.configRead(0, 2));
            assertEquals(Map.of("devid", "nv1", "socket", path.toString(), "auto-shutdown", true),
                    object.qomProperties());

            rig.machine.deleteObject("r0");

            assertTrue(qemu.closedByRemote(1000));
        }
        assertFalse(Files.exists(path));
        assertTrue(mpqemuThreadsGone());
    }

    @Test
    void inheritedFdBeforeTheDevice_waitsForTheDeviceToBePlugged() throws Exception {
        int[] pair = Fds.socketpair();
        RemoteObject object = create("devid", "nv1", "fd", Integer.toString(pair[0]));
        try (FakeQemu qemu = new FakeQemu(pair[1])) {
            CompletableFuture<Long> vendor = CompletableFuture.supplyAsync(() -> {
                try {
                    return qemu.configRead(0, 2);
                } catch (ProtocolException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100);
            rig.withPmem();

            assertEquals(0x1af4, vendor.get(5, TimeUnit.SECONDS));
        } finally {
            object.close();
        }
    }

    @Test
    void deviceThatNeverComes_endsTheConnectionAfterTheWait() throws Exception {
        Path path = dir.resolve("r0.sock");
        RemoteObject object = create("devid", "nope", "socket", path.toString());
        try (FakeQemu qemu = new FakeQemu(Fds.connect(path))) {
            qemu.sendRaw(MpqemuCommand.PCI_CFGREAD.ordinal(), Wire.CONF_SIZE, new byte[Wire.CONF_SIZE]);
            assertTrue(qemu.closedByRemote((int) RemoteRig.DEVICE_WAIT.toMillis() + 3000));
        }
        object.close();
    }

    @Test
    void machineShutdownWithQemusRamMapped_closesTheObjectPromptly() throws Exception {
        rig.withPmem();
        int[] pair = Fds.socketpair();
        rig.machine.addObject(RemoteObjectOptions.TYPE,
                Map.of("id", "r0", "devid", "nv1", "fd", Integer.toString(pair[0])), Frontend.COMMAND_LINE);
        int ram = Fds.memfd("qemu-ram", 32 * RemoteRig.MIB);
        try (FakeQemu qemu = new FakeQemu(pair[1])) {
            qemu.syncSysmem(new long[] {0}, new long[] {32 * RemoteRig.MIB}, new long[] {0}, ram);
            assertEquals(0x1af4, qemu.configRead(0, 2));
            long start = System.nanoTime();

            rig.close(); // the machine's close holds the machine while it closes its objects

            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5), "no wait for a blocked thread");
            assertTrue(qemu.closedByRemote(1000));
        } finally {
            Fds.close(ram);
        }
        assertTrue(mpqemuThreadsGone());
        assertEquals(before, Fds.ours());
    }

    @Test
    void objectDelWithQemusRamMapped_givesTheMainRamBack() throws Exception {
        rig.withPmem();
        rig.machine.bus().write(0x1000, 4, 0x1111_1111L);
        int[] pair = Fds.socketpair();
        rig.machine.addObject(RemoteObjectOptions.TYPE,
                Map.of("id", "r0", "devid", "nv1", "fd", Integer.toString(pair[0])), Frontend.COMMAND_LINE);
        int ram = Fds.memfd("qemu-ram", 32 * RemoteRig.MIB);
        try (FakeQemu qemu = new FakeQemu(pair[1])) {
            qemu.syncSysmem(new long[] {0}, new long[] {32 * RemoteRig.MIB}, new long[] {0}, ram);
            assertEquals(0x1af4, qemu.configRead(0, 2));
            assertEquals(0, rig.machine.bus().read(0x1000, 4), "QEMU's RAM is mapped");

            rig.machine.deleteObject("r0");

            assertEquals(0x1111_1111L, rig.machine.bus().read(0x1000, 4), "the main RAM is back");
        } finally {
            Fds.close(ram);
        }
        assertEquals(before, Fds.ours());
    }

    @Test
    void machineShutdown_closesTheObject() throws Exception {
        rig.withPmem();
        int[] pair = Fds.socketpair();
        rig.machine.addObject(RemoteObjectOptions.TYPE,
                Map.of("id", "r0", "devid", "nv1", "fd", Integer.toString(pair[0])), Frontend.COMMAND_LINE);
        try (FakeQemu qemu = new FakeQemu(pair[1])) {
            assertEquals(0x1af4, qemu.configRead(0, 2));
            rig.close();
            assertTrue(qemu.closedByRemote(1000));
        }
        assertTrue(mpqemuThreadsGone());
        assertEquals(before, Fds.ours());
    }

    private RemoteObject create(String... keyValues) throws ConfigurationException {
        return rig.remote.get().create("r0", TestProperties.of(keyValues));
    }

    private String refusal(String... keyValues) {
        return assertThrows(ConfigurationException.class, () -> create(keyValues)).getMessage();
    }

    private static boolean mpqemuThreadsGone() {
        return Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith("mpqemu-") && t.isAlive());
    }
}
