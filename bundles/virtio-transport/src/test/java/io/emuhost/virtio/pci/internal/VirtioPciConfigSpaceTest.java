package io.emuhost.virtio.pci.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuhost.api.bus.MmioBar;
import io.emuhost.api.bus.PciBar;
import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.bus.PciIdentity;
import io.emuhost.api.bus.RamBar;
import io.emuhost.api.virtio.SharedMemoryRegion;
import io.emuhost.testkit.memory.TestMemoryBackend;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtioPciConfigSpaceTest {

    /** Reference §3.2: QEMU 7.2's virtio-pmem-pci, 0x40..0x97. */
    private static final int[] QEMU_CAPABILITIES = {
        // 0x40 COMMON: next 0x00, len 16, type 1, bar 4, offset 0x0000, length 0x1000
        0x09, 0x00, 0x10, 0x01, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00,
        // 0x50 ISR: next 0x40, type 3, offset 0x1000
        0x09, 0x40, 0x10, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00,
        // 0x60 DEVICE: next 0x50, type 4, offset 0x2000
        0x09, 0x50, 0x10, 0x04, 0x04, 0x00, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00,
        // 0x70 NOTIFY: next 0x60, len 20, type 2, offset 0x3000, notify_off_multiplier 4
        0x09, 0x60, 0x14, 0x02, 0x04, 0x00, 0x00, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00,
        0x04, 0x00, 0x00, 0x00,
        // 0x84 PCI_CFG: next 0x70, len 20, type 5, bar 0, offset 0, length 0, pci_cfg_data 0
        0x09, 0x70, 0x14, 0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00,
    };

    @Test
    void identity_pmem_matchesQemu() throws Exception {
        PciIdentity identity = PciTestBed.pmem().function.identity();

        assertEquals(new PciIdentity(0x1af4, 0x105b, 1, 0x00ff00, 0x1af4, 0x1100, 1), identity);
    }

    @Test
    void identity_netDevice_hasEthernetClass() throws Exception {
        PciIdentity identity = new PciTestBed(new TestVirtioDevice(1, 0, List.of(), 256, 256)).function.identity();

        assertEquals(0x1041, identity.deviceId());
        assertEquals(0x020000, identity.classCode());
    }

    @Test
    void capabilities_noVectors_matchQemuByteForByte() throws Exception {
        PciFunction function = PciTestBed.pmem("vectors", "0").function;

        assertEquals(0x84, function.capabilityPointer());
        assertArrayEquals(QEMU_CAPABILITIES, configBytes(function, 0x40, QEMU_CAPABILITIES.length));
        assertEquals(0, function.readConfig(0x98, 4));
    }

    @Test
    void bars_noVectors_onlyTheRegisterBar() throws Exception {
        List<PciBar> bars = PciTestBed.pmem("vectors", "0").function.bars();

        assertEquals(1, bars.size());
        MmioBar bar4 = (MmioBar) bars.get(0);
        assertEquals(List.of(4, 0x4000L, true, true), List.of(bar4.index(), bar4.size(), bar4.is64Bit(), bar4.prefetchable()));
    }

    @Test
    void capabilities_withVectors_prependMsixAt0x98() throws Exception {
        PciFunction function = PciTestBed.pmem("vectors", "2").function;

        assertEquals(0x98, function.capabilityPointer());
        // id 0x11, next 0x84, table size - 1 = 1; table at BAR1 + 0; PBA at BAR1 + 0x800
        int[] expected = {0x11, 0x84, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00, 0x00};
        assertArrayEquals(expected, configBytes(function, 0x98, expected.length));
    }

    @Test
    void bars_withVectors_msixTableInBar1() throws Exception {
        PciBar bar1 = PciTestBed.pmem("vectors", "2").function.bars().get(0);

        assertEquals(List.of(1, 0x1000L, false, false),
                List.of(bar1.index(), bar1.size(), bar1.is64Bit(), bar1.prefetchable()));
    }

    @Test
    void sharedMemoryRegion_addsCap64AndPrefetchableRamBar2() throws Exception {
        TestMemoryBackend backend = new TestMemoryBackend("shm0", 0x30_0000);
        TestVirtioDevice device = new TestVirtioDevice(27, 0, List.of(new SharedMemoryRegion(0, backend)), 128);

        PciFunction function = new PciTestBed(device, "vectors", "0").function;

        assertEquals(0x98, function.capabilityPointer());
        // next 0x84, len 24, type 8, bar 2, id 0, offset 0, length 0x300000, offset_hi 0, length_hi 0
        int[] expected = {0x09, 0x84, 0x18, 0x08, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
        assertArrayEquals(expected, configBytes(function, 0x98, expected.length));
        RamBar bar2 = (RamBar) function.bars().get(0);
        assertEquals(List.of(2, 0x40_0000L, true, true), List.of(bar2.index(), bar2.size(), bar2.is64Bit(), bar2.prefetchable()));
        assertEquals(backend, bar2.backend());
    }

    @Test
    void sharedMemoryRegion_bar64Off_everyBarIs32Bit() throws Exception {
        TestVirtioDevice device = new TestVirtioDevice(27, 0,
                List.of(new SharedMemoryRegion(0, new TestMemoryBackend("shm0", 0x1000_0000))), 128);

        PciFunction function = new PciTestBed(device, "vectors", "0", "x-bar64", "off").function;

        // x-pci-proxy-dev maps every BAR it finds as 32-bit (reference pitfall 2): BAR2 and BAR4 both are
        List<List<Object>> bars = function.bars().stream()
                .map(bar -> List.<Object>of(bar.index(), bar.size(), bar.is64Bit())).toList();
        assertEquals(List.of(List.of(2, 0x1000_0000L, false), List.of(4, 0x4000L, false)), bars);
    }

    @Test
    void sharedMemoryRegionAbove4GiB_putsHighBitsInLengthHi() throws Exception {
        TestVirtioDevice device = new TestVirtioDevice(27, 0,
                List.of(new SharedMemoryRegion(7, new TestMemoryBackend("shm0", 0x1_2000_0000L))), 128);

        PciFunction function = new PciTestBed(device, "vectors", "0").function;

        assertEquals(7, function.readConfig(0x98 + 5, 1));
        assertEquals(0x2000_0000, function.readConfig(0x98 + 12, 4));
        assertEquals(1, function.readConfig(0x98 + 20, 4));
    }

    @Test
    void writeConfig_readOnlyCapabilityByte_isIgnored() throws Exception {
        PciFunction function = PciTestBed.pmem("vectors", "0").function;

        function.writeConfig(0x40, 4, 0xdeadbeef);

        assertEquals(0x01100009, function.readConfig(0x40, 4));
    }

    @Test
    void pciCfgWindow_readsDeviceConfigThroughBar4() throws Exception {
        PciFunction function = PciTestBed.pmem("vectors", "0").function;
        function.writeConfig(0x88, 1, 4);
        function.writeConfig(0x8c, 4, 0x2008);
        function.writeConfig(0x90, 4, 4);

        int data = function.readConfig(0x94, 4);

        assertEquals(0x0b0a0908, data);
    }

    @Test
    void pciCfgWindow_writeReachesCommonConfig() throws Exception {
        PciTestBed bed = PciTestBed.pmem("vectors", "0");
        bed.function.writeConfig(0x88, 1, 4);
        bed.function.writeConfig(0x8c, 4, CommonConfig.QUEUE_SELECT);
        bed.function.writeConfig(0x90, 4, 2);

        bed.function.writeConfig(0x94, 2, 7);

        assertEquals(7, bed.read(CommonConfig.QUEUE_SELECT, 2));
    }

    @Test
    void pciCfgWindow_unsupportedLength_doesNothing() throws Exception {
        PciFunction function = PciTestBed.pmem("vectors", "0").function;
        function.writeConfig(0x88, 1, 4);
        function.writeConfig(0x8c, 4, 0x2008);
        function.writeConfig(0x90, 4, 3);

        assertEquals(0, function.readConfig(0x94, 4));
    }

    private static int[] configBytes(PciFunction function, int offset, int length) {
        int[] bytes = new int[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = function.readConfig(offset + i, 1);
        }
        return bytes;
    }
}
