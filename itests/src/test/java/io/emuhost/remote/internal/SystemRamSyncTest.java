package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SYNC_SYSMEM with real memfds (reference §1 item 6, pitfalls 4 and 5). */
class SystemRamSyncTest {

    private static final long MIB = RemoteRig.MIB;

    @TempDir
    Path dir;
    private RemoteRig rig;
    private RemoteRig.Served served;
    private FakeQemu qemu;
    private Map<String, Integer> before;

    @BeforeEach
    void connect() throws Exception {
        rig = new RemoteRig(dir).withPmem();
        before = Fds.ours();
        served = rig.serve();
        qemu = served.qemu();
    }

    @AfterEach
    void disconnect() throws Exception {
        served.close();
        rig.close();
    }

    @Test
    void sections_becomeTheSystemRamTheDeviceSideUses() throws Exception {
        int ram = Fds.memfd("qemu-ram", 64 * MIB);
        rig.machine.bus().write(0x1000, 4, 0x1111_1111L);

        qemu.syncSysmem(new long[] {0, 32 * MIB}, new long[] {32 * MIB, 16 * MIB}, new long[] {0, 48 * MIB}, ram, ram);
        roundTrip();
        rig.machine.bus().write(0x1000, 4, 0x2222_2222L);
        rig.machine.bus().memory().write(32 * MIB + 8, new byte[] {0x33, 0x33, 0x33, 0x33}, 0, 4);
        Fds.writeInt(ram, 0x2000, 0x4444_4444);

        assertEquals(0x2222_2222, Fds.readInt(ram, 0x1000), "a device-side store lands in QEMU's memfd");
        assertEquals(0x3333_3333, Fds.readInt(ram, 48 * MIB + 8), "the second section at its offset");
        assertEquals(0x4444_4444L, rig.machine.bus().read(0x2000, 4), "QEMU's stores are visible to the device");
        assertFalse(rig.machine.bus().memory().isMapped(48 * MIB, 1), "the main RAM left beyond the sections");
        Fds.close(ram);
    }

    @Test
    void resyncOfTheSameFile_keepsOneMappingAndClosesEveryReceivedFd() throws Exception {
        int ram = Fds.memfd("qemu-ram", 64 * MIB);
        for (int i = 0; i < 10; i++) {
            qemu.syncSysmem(new long[] {0, 0x10_0000}, new long[] {0xc_0000, 63 * MIB},
                    new long[] {0, 0x10_0000}, ram, ram);
        }
        roundTrip();
        rig.machine.bus().write(0x10_0040, 4, 0x5555_5555L);

        assertEquals(0x5555_5555, Fds.readInt(ram, 0x10_0040));
        assertEquals(before.get("memfd") + 2, Fds.ours().get("memfd"), "ours and one mapping's, no duplicates");
        Fds.close(ram);
    }

    @Test
    void resyncOfAnotherFile_replacesTheMapAndClosesTheOldMapping() throws Exception {
        int first = Fds.memfd("qemu-ram-a", 32 * MIB);
        int second = Fds.memfd("qemu-ram-b", 32 * MIB);
        qemu.syncSysmem(new long[] {0}, new long[] {32 * MIB}, new long[] {0}, first);
        roundTrip();
        rig.machine.bus().write(0x3000, 4, 0x6666_6666L);

        qemu.syncSysmem(new long[] {0}, new long[] {32 * MIB}, new long[] {0}, second);
        roundTrip();
        rig.machine.bus().write(0x3000, 4, 0x7777_7777L);

        assertEquals(0x6666_6666, Fds.readInt(first, 0x3000));
        assertEquals(0x7777_7777, Fds.readInt(second, 0x3000));
        assertEquals(before.get("memfd") + 3, Fds.ours().get("memfd"), "our two and the second mapping's");
        Fds.close(first, second);
    }

    @Test
    void endOfTheConnection_givesTheMainRamBackAndLeavesNoDescriptor() throws Exception {
        rig.machine.bus().write(0x1000, 4, 0x1111_1111L);
        int ram = Fds.memfd("qemu-ram", 32 * MIB);
        int irq = Fds.eventfd();
        int resample = Fds.eventfd();
        qemu.syncSysmem(new long[] {0}, new long[] {32 * MIB}, new long[] {0}, ram);
        qemu.setIrqfd(irq, resample);
        roundTrip();
        Fds.close(ram, irq, resample);

        qemu.close();
        served.end().get(5, TimeUnit.SECONDS);

        assertEquals(0x1111_1111L, rig.machine.bus().read(0x1000, 4), "the main RAM is back");
        assertEquals(before.get("memfd"), Fds.ours().get("memfd"));
        assertEquals(before.get("eventfd"), Fds.ours().get("eventfd"));
        assertEquals(before.get("socket"), Fds.ours().get("socket"));
    }

    @Test
    void sectionOverTheDeviceMemory_isLeftOutAndThePmemRangeStaysTheDevicesOwn() throws Exception {
        long memaddr = rig.machine.memoryDevices().get(0).memaddr();
        int ram = Fds.memfd("qemu-ram", 64 * MIB);
        int dimm = Fds.memfd("qemu-dimm", 16 * MIB);
        rig.machine.bus().write(memaddr, 4, 0x0bad_cafeL);

        qemu.syncSysmem(new long[] {0, memaddr}, new long[] {64 * MIB, 16 * MIB}, new long[] {0, 0}, ram, dimm);
        roundTrip();

        assertEquals(0x0bad_cafeL, rig.machine.bus().read(memaddr, 4));
        assertEquals(0, Fds.readInt(dimm, 0));
        assertEquals(before.get("memfd") + 3, Fds.ours().get("memfd"), "no mapping of the dimm's file");
        Fds.close(ram, dimm);
    }

    @Test
    void sectionBeyondItsFile_isLeftOutAndTheOthersApply() throws Exception {
        int ram = Fds.memfd("qemu-ram", 16 * MIB);
        qemu.syncSysmem(new long[] {0, 32 * MIB}, new long[] {16 * MIB, 16 * MIB}, new long[] {0, 8 * MIB}, ram, ram);
        roundTrip();
        rig.machine.bus().write(0x4000, 4, 0x1234_5678L);

        assertEquals(0x1234_5678, Fds.readInt(ram, 0x4000));
        assertFalse(rig.machine.bus().memory().isMapped(32 * MIB, 1));
        assertTrue(served.thread().isAlive());
        Fds.close(ram);
    }

    /** SYNC_SYSMEM has no reply: a request after it proves it was applied. */
    private void roundTrip() throws Exception {
        assertEquals(0x1af4, qemu.configRead(0, 2));
    }
}
