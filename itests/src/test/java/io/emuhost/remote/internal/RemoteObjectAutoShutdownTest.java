package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.machine.Frontend;
import io.emuhost.testkit.device.TestProperties;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code x-remote-object,auto-shutdown=on} (the default) on a real machine: the host is asked to exit once. */
class RemoteObjectAutoShutdownTest {

    @TempDir
    Path dir;
    private RemoteRig rig;

    @BeforeEach
    void machine() throws Exception {
        rig = new RemoteRig(dir).withPmem();
    }

    @AfterEach
    void close() {
        rig.close();
    }

    @Test
    void byDefault_theFirstConnectionsEnd_asksTheHostToExit_andTheObjectAcceptsNoMore() throws Exception {
        Path path = dir.resolve("r0.sock");
        RemoteObject object = rig.remote.get().create("r0", TestProperties.of("devid", "nv1", "socket", path.toString()));
        try (FakeQemu qemu = new FakeQemu(Fds.connect(path))) {
            assertEquals(0x1af4, qemu.configRead(0, 2));
            assertEquals(0, rig.exits.get(), "not while QEMU is connected");
        }

        object.thread().join(10_000);

        assertFalse(object.thread().isAlive(), "no further connection is accepted");
        assertEquals(1, rig.exits.get());
        object.close();
        assertEquals(1, rig.exits.get());
    }

    @Test
    void inheritedFd_qemuCloses_theHostIsAskedToExit() throws Exception {
        int[] pair = Fds.socketpair();
        RemoteObject object = rig.remote.get().create("r0", TestProperties.of("devid", "nv1", "fd",
                Integer.toString(pair[0])));
        try (FakeQemu qemu = new FakeQemu(pair[1])) {
            assertEquals(0x1af4, qemu.configRead(0, 2));
        }
        object.thread().join(10_000);

        assertEquals(1, rig.exits.get());
        object.close();
    }

    @Test
    void objectDel_neverAsksTheHostToExit() throws Exception {
        Path path = dir.resolve("r0.sock");
        rig.machine.addObject(RemoteObjectOptions.TYPE, Map.of("id", "r0", "devid", "nv1", "socket", path.toString()),
                Frontend.COMMAND_LINE);
        try (FakeQemu qemu = new FakeQemu(Fds.connect(path))) {
            assertEquals(0x1af4, qemu.configRead(0, 2));
            rig.machine.deleteObject("r0");
            assertTrue(qemu.closedByRemote(1000));
        }
        assertEquals(0, rig.exits.get());
    }

    @Test
    void autoShutdownOff_isReportedAndNeverExits() throws Exception {
        Path path = dir.resolve("r0.sock");
        RemoteObject object = rig.remote.get().create("r0", TestProperties.of("devid", "nv1", "socket", path.toString(),
                "auto-shutdown", "off"));
        try (FakeQemu qemu = new FakeQemu(Fds.connect(path))) {
            assertEquals(0x1af4, qemu.configRead(0, 2));
        }
        try (FakeQemu qemu = new FakeQemu(Fds.connect(path))) {
            assertEquals(0x1af4, qemu.configRead(0, 2), "a second connection is served");
        }
        assertEquals(false, object.qomProperties().get("auto-shutdown"));
        object.close();
        assertEquals(0, rig.exits.get());
    }
}
