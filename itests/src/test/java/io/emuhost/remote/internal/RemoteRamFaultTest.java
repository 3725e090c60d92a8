package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * QEMU shrinks the RAM memfd it shared with SYNC_SYSMEM (issue 9 item 3): a forwarded access to
 * the vanished range is answered with all ones (a store is dropped), for that message only; the
 * connection and the still-backed RAM go on serving.
 */
class RemoteRamFaultTest {

    private static final long MIB = RemoteRig.MIB;
    private static final long GONE = 32 * MIB;

    @TempDir
    Path dir;
    private RemoteRig rig;
    private RemoteRig.Served served;
    private FakeQemu qemu;
    private int ram;

    @BeforeEach
    void connectThenShrinkTheRam() throws Exception {
        rig = new RemoteRig(dir).withPmem();
        served = rig.serve();
        qemu = served.qemu();
        ram = Fds.memfd("qemu-ram", 64 * MIB);
        qemu.syncSysmem(new long[] {0}, new long[] {64 * MIB}, new long[] {0}, ram);
        assertEquals(0x1af4, qemu.configRead(0, 2));
        rig.machine.bus().write(0x1000, 4, 0x1234_5678L);
        TestLibC.ftruncate(ram, 1 * MIB);
    }

    @AfterEach
    void disconnect() throws Exception {
        served.close();
        rig.close();
        Fds.close(ram);
    }

    @Test
    void barReadInTheVanishedRam_readsAllOnes_connectionGoesOn() throws Exception {
        for (int size : new int[] {1, 2, 4, 8}) {
            assertEquals(-1L, qemu.barRead(GONE, size, true));
            assertStillServed();
        }
    }

    @Test
    void barWriteInTheVanishedRam_isDropped_connectionGoesOn() throws Exception {
        for (int size : new int[] {1, 2, 4, 8}) {
            qemu.barWrite(GONE, size, 0x55, true);
            assertStillServed();
        }
    }

    @Test
    void afterTheFaults_theStillBackedRamIsServed() throws Exception {
        qemu.barRead(GONE, 4, true);

        assertEquals(0x1234_5678L, qemu.barRead(0x1000, 4, true));
        assertFalse(qemu.closedByRemote(0));
    }

    private void assertStillServed() throws Exception {
        assertEquals(0x1af4, qemu.configRead(0, 2));
        assertTrue(served.thread().isAlive());
    }
}
