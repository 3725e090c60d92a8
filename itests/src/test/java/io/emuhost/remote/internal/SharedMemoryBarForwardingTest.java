package io.emuhost.remote.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code virtio-pmem-pci,shmem-region=on,x-bar64=off} behind x-pci-proxy-dev: the shared memory
 * BAR (BAR2) is a 32-bit BAR like BAR4, so QEMU's probe maps it whole (reference pitfall 2: the
 * proxy registers every BAR as 32-bit and turns the upper half of a 64-bit one into a phantom
 * I/O BAR), and the guest's accesses to it reach the backing file.
 */
class SharedMemoryBarForwardingTest {

    /** A 32-bit address below the register BAR, aligned to the 16 MiB BAR. */
    private static final long BAR2_ADDRESS = 0xfd00_0000L;
    private static final int COMMAND_MEMORY = 0x2;

    @TempDir
    Path dir;
    private RemoteRig rig;
    private RemoteRig.Served served;
    private FakeQemu qemu;

    @BeforeEach
    void connect() throws Exception {
        rig = new RemoteRig(dir).withPmem(Map.of("shmem-region", "on"));
        served = rig.serve();
        qemu = served.qemu();
    }

    @AfterEach
    void disconnect() throws Exception {
        served.close();
        rig.close();
    }

    @Test
    void barProbe_asQemuRealizeDoesIt_findsBar2And4As32BitBarsAndNoPhantomUpperHalves() throws Exception {
        long[] readbacks = new long[7];
        // hw/remote/proxy.c probe_pci_info: for i = 0..6 read, write all ones, read back, restore
        for (int i = 0; i <= 6; i++) {
            int offset = 0x10 + 4 * i;
            int original = (int) qemu.configRead(offset, 4);
            qemu.configWrite(offset, 4, 0xffff_ffff);
            readbacks[i] = qemu.configRead(offset, 4);
            qemu.configWrite(offset, 4, original);
        }

        assertEquals(16 * RemoteRig.MIB, size(readbacks[2]), "BAR2: the 16 MiB shared memory region");
        // PCI Local Bus 3.0 §6.2.5.1: bits 2:1 = 00 is a 32-bit BAR; bit 3 prefetchable
        assertEquals(0x8, readbacks[2] & 0xf, "BAR2: 32-bit prefetchable memory");
        assertEquals(0, readbacks[3], "no upper half of a 64-bit BAR2 (the proxy would make it an I/O BAR)");
        assertEquals(0, readbacks[4] & 0x6, "BAR4: 32-bit");
        assertEquals(0, readbacks[5], "no upper half of a 64-bit BAR4");
        assertEquals(List.of(), ProxyCompatibility.problems(rig.machine, RemoteDevice.find(rig.machine,
                RemoteRig.DEVICE).orElseThrow()));
    }

    @Test
    void bar2Accesses_reachTheBackingFile() throws Exception {
        qemu.configWrite(0x18, 4, (int) BAR2_ADDRESS);
        qemu.configWrite(0x04, 2, (int) qemu.configRead(0x04, 2) | COMMAND_MEMORY);

        qemu.barWrite(BAR2_ADDRESS + 0x1000, 8, 0x1122_3344_5566_7788L, true);

        assertEquals(0x1122_3344_5566_7788L, qemu.barRead(BAR2_ADDRESS + 0x1000, 8, true));
        ByteBuffer bytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel file = FileChannel.open(dir.resolve("pmem.img"), StandardOpenOption.READ)) {
            file.read(bytes, 0x1000);
        }
        assertArrayEquals(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0x1122_3344_5566_7788L).array(),
                bytes.array());
    }

    private static long size(long readback) {
        return readback == 0 ? 0 : (~(readback & ~0xfL) + 1) & 0xffff_ffffL;
    }
}
