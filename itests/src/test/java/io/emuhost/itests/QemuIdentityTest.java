package io.emuhost.itests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuhost.api.bus.GuestBus;
import io.emuhost.machine.internal.MachineImpl;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code vectors=0} (and the default {@code shmem-region=off}) the function a guest finds at
 * 00:02.0 is byte for byte the one QEMU 7.2 shows after SeaBIOS (reference §3.1, §3.2), read
 * through configuration mechanism #1 like a guest would.
 */
class QemuIdentityTest {

    /**
     * QEMU 7.2's config space 0x00..0x97 of virtio-pmem-pci at 00:02.0 (reference §3.1/§3.2),
     * with what firmware programs filled in as SeaBIOS leaves it for the first device: BAR4 at
     * 0xfebfc000, interrupt line 10. Command is 0x0007 here (SeaBIOS also sets SERR, 0x0107).
     */
    private static final int[] QEMU_CONFIG = {
        0xf4, 0x1a, 0x5b, 0x10, 0x07, 0x00, 0x10, 0x00, 0x01, 0x00, 0xff, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x0c, 0xc0, 0xbf, 0xfe, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf4, 0x1a, 0x00, 0x11,
        0x00, 0x00, 0x00, 0x00, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0a, 0x01, 0x00, 0x00,
        // 0x40 COMMON: vndr 0x09, next 0x00, len 16, type 1, bar 4, offset 0, length 0x1000
        0x09, 0x00, 0x10, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00,
        // 0x50 ISR at 0x1000
        0x09, 0x40, 0x10, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00,
        // 0x60 DEVICE at 0x2000
        0x09, 0x50, 0x10, 0x04, 0x04, 0x00, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00,
        // 0x70 NOTIFY at 0x3000, notify_off_multiplier 4
        0x09, 0x60, 0x14, 0x02, 0x04, 0x00, 0x00, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00,
        0x04, 0x00, 0x00, 0x00,
        // 0x84 PCI_CFG, pci_cfg_data at 0x94
        0x09, 0x70, 0x14, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    };

    @TempDir
    Path dir;

    private MachineImpl machine;

    @BeforeEach
    void setUp() throws Exception {
        machine = PmemMachines.machine();
    }

    @AfterEach
    void tearDown() {
        machine.close();
    }

    @Test
    void configSpace_vectorsZero_isQemusByteForByte() throws Exception {
        PmemMachines.addPmem(machine, "nv1", "mem1", dir.resolve("pmem.img"), "64M", "vectors", "0");

        assertArrayEquals(QEMU_CONFIG, readConfig(machine.bus(), 2, QEMU_CONFIG.length));
    }

    @Test
    void firmware_withMsix_placesTheLargestBarFirstLikeSeabios() throws Exception {
        PmemMachines.addPmem(machine, "nv1", "mem1", dir.resolve("pmem.img"), "64M");
        int[] config = readConfig(machine.bus(), 2, 0x28);

        // BAR4 (16 KiB) first at the top of the 32-bit window, then BAR1 (4 KiB, MSI-X) below it
        assertEquals(0xfebfc00c, dword(config, 0x20));
        assertEquals(0xfebfb000, dword(config, 0x14));
    }

    private static int dword(int[] config, int offset) {
        return config[offset] | config[offset + 1] << 8 | config[offset + 2] << 16 | config[offset + 3] << 24;
    }

    private static int[] readConfig(GuestBus bus, int slot, int length) {
        int[] bytes = new int[length];
        for (int offset = 0; offset < length; offset++) {
            // PCI Local Bus 3.0 §3.2.2.3.2: enable bit, bus 0, device, function 0, dword offset
            bus.out(0xcf8, 4, 0x8000_0000 | slot << 11 | (offset & 0xfc));
            bytes[offset] = bus.in(0xcfc + (offset & 3), 1);
        }
        return bytes;
    }
}
