package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration and BAR accesses as x-pci-proxy-dev forwards them (reference §1 items 1 to 5). */
class PciForwardingTest {

    /** Where SeaBIOS put the 16 KiB register BAR in the reference's run. */
    private static final long BAR4_ADDRESS = 0xfebf_0000L;
    private static final int COMMAND_MEMORY = 0x2;
    private static final int COMMAND_BUS_MASTER = 0x4;

    @TempDir
    Path dir;
    private RemoteRig rig;
    private RemoteRig.Served served;
    private FakeQemu qemu;

    @BeforeEach
    void connect() throws Exception {
        rig = new RemoteRig(dir).withPmem();
        served = rig.serve();
        qemu = served.qemu();
    }

    @AfterEach
    void disconnect() throws Exception {
        served.close();
        rig.close();
    }

    @Test
    void configReads_identifyVirtioPmemPci() throws Exception {
        assertEquals(0x1af4, qemu.configRead(0x00, 2), "vendor");
        assertEquals(0x105b, qemu.configRead(0x02, 2), "device");
        assertEquals(0x105b_1af4L, qemu.configRead(0x00, 4));
        assertEquals(0x1af4, qemu.configRead(0x2c, 2), "subsystem vendor");
        assertEquals(1, qemu.configRead(0x3d, 1), "INTERRUPT_PIN = INTA#");
    }

    @Test
    void barProbe_asQemuRealizeDoesIt_findsOnlyThe32BitRegisterBar() throws Exception {
        long[] sizes = new long[7];
        long bar4Readback = 0;
        // hw/remote/proxy.c probe_pci_info: for i = 0..6 read, write all ones, read back, restore
        for (int i = 0; i <= 6; i++) {
            int offset = 0x10 + 4 * i;
            int original = (int) qemu.configRead(offset, 4);
            qemu.configWrite(offset, 4, 0xffff_ffff);
            long readback = qemu.configRead(offset, 4);
            qemu.configWrite(offset, 4, original);
            sizes[i] = readback == 0 ? 0 : (~(readback & ~0xfL) + 1) & 0xffff_ffffL;
            if (i == 4) {
                bar4Readback = readback;
            }
        }
        assertEquals(0x4000, sizes[4], "BAR4: 16 KiB");
        assertEquals(0, bar4Readback & 0x7, "a 32-bit memory BAR (x-bar64=off)");
        assertEquals(0, sizes[5], "no upper half of a 64-bit BAR");
        assertEquals(0, sizes[1], "no MSI-X BAR with vectors=0");
        assertEquals(0, sizes[6], "0x28 (CardBus CIS) reads zero (pitfall 3)");
    }

    @Test
    void bar4Mmio_reachesTheCommonConfigOnceForwardedConfigWritesProgramTheBar() throws Exception {
        programBar4();

        assertEquals(1, qemu.barRead(BAR4_ADDRESS + 0x12, 2, true), "num_queues");
        qemu.barWrite(BAR4_ADDRESS, 4, 1, true); // device_feature_select = 1
        assertEquals(1, qemu.barRead(BAR4_ADDRESS + 0x04, 4, true) & 1, "VIRTIO_F_VERSION_1 (bit 32)");
        long memaddr = rig.machine.memoryDevices().get(0).memaddr();
        assertEquals(memaddr & 0xffff_ffffL, qemu.barRead(BAR4_ADDRESS + 0x2000, 4, true), "device config start (low)");
        assertEquals(memaddr >>> 32, qemu.barRead(BAR4_ADDRESS + 0x2004, 4, true), "device config start (high)");
        assertEquals(16 * RemoteRig.MIB, qemu.barRead(BAR4_ADDRESS + 0x2008, 4, true), "device config size");
    }

    @Test
    void bar4Mmio_stopsDecodingWhenForwardedWritesDisableMemorySpace() throws Exception {
        programBar4();
        qemu.configWrite(0x04, 2, 0);

        assertEquals(0, qemu.barRead(BAR4_ADDRESS + 0x12, 2, true), "unclaimed memory reads 0");
    }

    @Test
    void portAccessNobodyClaims_readsAllOnes() throws Exception {
        assertEquals(0xffff_ffffL, qemu.barRead(0x5000, 4, false));
        qemu.barWrite(0x5000, 1, 0x12, false);
        assertEquals(0xff, qemu.barRead(0x5000, 1, false));
    }

    @Test
    void badAccesses_areAnsweredWithAllOnesAndTheConnectionKeepsServing() throws Exception {
        assertEquals(-1L, qemu.configRead(0x1000, 4), "beyond the config space");
        assertEquals(-1L, qemu.configRead(0x10, 3), "len 3");
        assertEquals(-1L, qemu.barRead(BAR4_ADDRESS, 16, true), "size 16");

        assertEquals(0x1af4, qemu.configRead(0x00, 2));
        assertFalse(served.end().isDone());
    }

    @Test
    void deviceReset_resetsTheVirtioDeviceAndKeepsTheHeader() throws Exception {
        programBar4();
        qemu.barWrite(BAR4_ADDRESS + 0x14, 1, 0x3, true); // device_status = ACKNOWLEDGE | DRIVER
        assertEquals(0x3, qemu.barRead(BAR4_ADDRESS + 0x14, 1, true));

        assertEquals(0, qemu.deviceReset());

        assertEquals(0, qemu.barRead(BAR4_ADDRESS + 0x14, 1, true), "device_status after DEVICE_RESET");
        assertEquals(0x105b, qemu.configRead(0x02, 2));
        assertEquals(1, qemu.barRead(BAR4_ADDRESS + 0x12, 2, true), "the BAR still decodes");
    }

    private void programBar4() throws Exception {
        qemu.configWrite(0x20, 4, (int) BAR4_ADDRESS);
        int command = (int) qemu.configRead(0x04, 2);
        qemu.configWrite(0x04, 2, command | COMMAND_MEMORY | COMMAND_BUS_MASTER);
        assertEquals(BAR4_ADDRESS, rig.device().regions().stream().filter(r -> r.bar() == 4).findFirst()
                .orElseThrow().address(), "the machine decodes BAR4 where the forwarded write put it");
    }
}
