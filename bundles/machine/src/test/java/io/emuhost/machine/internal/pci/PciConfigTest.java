package io.emuhost.machine.internal.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.emuhost.api.bus.GuestBus;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.PciDeviceInfo;
import io.emuhost.machine.internal.testing.ConfigPorts;
import io.emuhost.machine.internal.testing.TestMachines;
import io.emuhost.testkit.device.TestDeviceFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PciConfigTest {

    private static final int HOST_BRIDGE = 0;
    private static final int ISA_BRIDGE = 1 << 3;
    private static final int SLOT2 = 2 << 3;
    private static final int SLOT3 = 3 << 3;
    private static final int BAR4 = 0x20;
    private static final int BAR5 = 0x24;
    private static final long ECAM = 0xb000_0000L;

    @TempDir
    Path dir;

    private TestMachines machines;
    private GuestBus bus;
    private ConfigPorts config;

    @BeforeEach
    void setUp() throws Exception {
        machines = TestMachines.with(dir, 1L << 30, 2, 8L << 30);
        bus = machines.machine.bus();
        config = new ConfigPorts(bus);
    }

    @AfterEach
    void tearDown() {
        machines.close();
    }

    private void plugDevice(String id) throws Exception {
        machines.machine.addDevice(TestDeviceFactory.DRIVER, Map.of("id", id), Frontend.QMP);
    }

    @Test
    void read_hostBridge_isI440fx() {
        assertEquals(0x1237_8086, config.read(HOST_BRIDGE, 0x00, 4));
        assertEquals(0x0600_0002, config.read(HOST_BRIDGE, 0x08, 4));
    }

    @Test
    void read_isaBridge_isPiix3() {
        assertEquals(0x7000_8086, config.read(ISA_BRIDGE, 0x00, 4));
        assertEquals(0x0601_0000, config.read(ISA_BRIDGE, 0x08, 4));
    }

    @Test
    void read_emptySlotOrOtherBus_readsAllOnes() {
        assertEquals(0xffff_ffff, config.read(5 << 3, 0x00, 4));
        config.select(1, HOST_BRIDGE, 0);
        assertEquals(0xffff_ffff, bus.in(0xcfc, 4));
    }

    @Test
    void read_withEnableBitClear_readsAllOnes() {
        bus.out(0xcf8, 4, 0);

        assertEquals(0xffff, bus.in(0xcfc, 2));
    }

    @Test
    void configAddress_readsBackTheDwordWritten() {
        bus.out(0xcf8, 4, 0x8000_1234);

        assertEquals(0x8000_1234, bus.in(0xcf8, 4));
    }

    @Test
    void read_pluggedDevice_showsItsIdentityHeader() throws Exception {
        plugDevice("nv1");

        assertEquals(0x105b_1af4, config.read(SLOT2, 0x00, 4));
        assertEquals(0x0010, config.read(SLOT2, 0x06, 2));
        assertEquals(0x00ff_0001, config.read(SLOT2, 0x08, 4));
        assertEquals(0x1100_1af4, config.read(SLOT2, 0x2c, 4));
        assertEquals(0x84, config.read(SLOT2, 0x34, 1));
        assertEquals(0x01, config.read(SLOT2, 0x3d, 1));
    }

    @Test
    void write_identityRegisters_isIgnored() throws Exception {
        plugDevice("nv1");

        config.write(SLOT2, 0x00, 4, 0xffff_ffff);
        config.write(SLOT2, 0x2c, 4, 0);

        assertEquals(0x105b_1af4, config.read(SLOT2, 0x00, 4));
        assertEquals(0x1100_1af4, config.read(SLOT2, 0x2c, 4));
    }

    @Test
    void plug_firmwareAssignment_programsBarCommandAndLineLikeSeabios() throws Exception {
        plugDevice("nv1");
        plugDevice("nv2");

        assertEquals(0xfebf_c00c, config.read(SLOT2, BAR4, 4));
        assertEquals(0, config.read(SLOT2, BAR5, 4));
        assertEquals(0x0007, config.read(SLOT2, 0x04, 2));
        assertEquals(10, config.read(SLOT2, 0x3c, 1));
        assertEquals(0xfebf_800c, config.read(SLOT3, BAR4, 4));
        assertEquals(11, config.read(SLOT3, 0x3c, 1));
    }

    @Test
    void write_allOnesTo64BitBar_readsSizeMaskAndTypeBits() throws Exception {
        plugDevice("nv1");

        config.write(SLOT2, BAR4, 4, 0xffff_ffff);
        config.write(SLOT2, BAR5, 4, 0xffff_ffff);
        config.write(SLOT2, 0x10, 4, 0xffff_ffff);

        assertEquals(0xffff_c00c, config.read(SLOT2, BAR4, 4));
        assertEquals(0xffff_ffff, config.read(SLOT2, BAR5, 4));
        assertEquals(0, config.read(SLOT2, 0x10, 4));
    }

    @Test
    void write_command_keepsOnlyIoMemoryBusMasterAndIntxDisable() throws Exception {
        plugDevice("nv1");

        config.write(SLOT2, 0x04, 2, 0xffff);

        assertEquals(0x0407, config.read(SLOT2, 0x04, 2));
        assertEquals(0x0010, config.read(SLOT2, 0x06, 2));
    }

    @Test
    void write_interruptLine_isWritableAndPinIsNot() throws Exception {
        plugDevice("nv1");

        config.write(SLOT2, 0x3c, 2, 0x0405);

        assertEquals(0x0105, config.read(SLOT2, 0x3c, 2));
    }

    @Test
    void readWrite_above0x40_areDelegatedToTheFunction() throws Exception {
        plugDevice("nv1");

        config.write(SLOT2, 0x41, 1, 0x5a);

        assertEquals(0x5a, machines.devices.created().get(0).function().readConfig(0x41, 1));
        assertEquals(0x5a00, config.read(SLOT2, 0x40, 2));
    }

    @Test
    void ecam_readsTheSameHeaderAndReachesExtendedSpace() throws Exception {
        plugDevice("nv1");
        long function = ECAM + (2L << 15);

        bus.write(function + 0x100, 4, 0x1234_5678L);

        assertEquals(0x105b_1af4L, bus.read(function, 4));
        assertEquals(0xfebf_c00cL, bus.read(function + BAR4, 4));
        assertEquals(0x1234_5678, machines.devices.created().get(0).function().readConfig(0x100, 4));
        assertEquals(0xffff_ffffL, bus.read(ECAM + (7L << 15), 4));
    }

    @Test
    void ecam_writesHeaderRegisters() throws Exception {
        plugDevice("nv1");
        long function = ECAM + (2L << 15);

        bus.write(function + BAR4, 4, 0xffff_ffffL);

        assertEquals(0xffff_c00c, config.read(SLOT2, BAR4, 4));
    }

    @Test
    void ecam_isAbsentWhenLowRamCoversItsRange(@TempDir Path other) throws Exception {
        try (TestMachines big = TestMachines.with(other, 4L << 30, 0, 8L << 30)) {
            big.machine.bus().write(ECAM, 4, 0xabcd_ef01L);

            assertEquals(0xabcd_ef01L, big.machine.bus().read(ECAM, 4));
            assertNotEquals(0x1237_8086L, big.machine.bus().read(ECAM, 4));
        }
    }

    @Test
    void pciDevices_listsBridgesAndDeviceWithProgrammedBar() throws Exception {
        plugDevice("nv1");

        List<PciDeviceInfo> devices = machines.machine.pciDevices();

        assertEquals(3, devices.size());
        assertEquals(List.of(), devices.get(0).regions());
        PciDeviceInfo device = devices.get(2);
        assertEquals(2, device.slot());
        assertEquals(10, device.irq());
        assertEquals(Optional.of("nv1"), device.qdevId());
        assertEquals(List.of(new PciDeviceInfo.Region(4, false, true, true, 0xfebf_c000L, 0x4000)), device.regions());
    }
}
