package io.emuhost.machine.internal.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emuhost.api.bus.GuestBus;
import io.emuhost.api.bus.MmioBar;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.machine.internal.testing.ConfigPorts;
import io.emuhost.machine.internal.testing.TestMachines;
import io.emuhost.testkit.device.RecordingHandler;
import io.emuhost.testkit.device.TestDeviceFactory;
import io.emuhost.testkit.device.TestPciFunction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a function leaves the bus: BARs off first, then its own unplug, then configuration space. */
class PciUnplugTest {

    private static final int SLOT2 = 2 << 3;
    private static final int VENDOR_ID = 0x00;
    private static final int COMMAND = 0x04;
    private static final int COMMAND_MEMORY = 0x2;

    @TempDir
    Path dir;

    private final RecordingHandler handler = new RecordingHandler();
    private final TestPciFunction function = new TestPciFunction(TestPciFunction.VIRTIO_PMEM,
            List.of(new MmioBar(4, 0x4000, true, true, handler)), 0x84);
    private TestMachines machines;
    private GuestBus bus;
    private ConfigPorts config;

    @BeforeEach
    void setUp() throws Exception {
        machines = new TestMachines(dir, new MachineSpec("pc", 1L << 30, 2, OptionalLong.of(8L << 30)),
                new TestDeviceFactory(() -> function));
        machines.machine.addDevice(TestDeviceFactory.DRIVER, Map.of("id", "nv1"), Frontend.QMP);
        bus = machines.machine.bus();
        config = new ConfigPorts(bus);
    }

    @AfterEach
    void tearDown() {
        machines.close();
    }

    @Test
    void unplug_whileTheFunctionUnplugs_itIsStillInConfigSpaceButItsBarsDoNotDecode() throws Exception {
        long bar = machines.machine.pciDevices().get(2).regions().get(0).address();
        List<Long> seen = new ArrayList<>();
        function.onUnplug(() -> {
            seen.add((long) config.read(SLOT2, VENDOR_ID, 2));
            seen.add(bus.read(bar + 8, 4));
            // the guest cannot bring the BAR back while the function leaves
            config.write(SLOT2, COMMAND, 2, config.read(SLOT2, COMMAND, 2) | COMMAND_MEMORY);
            seen.add(bus.read(bar + 8, 4));
        });

        machines.machine.deleteDevice("nv1");

        assertEquals(List.of(0x1af4L, 0L, 0L), seen);
        assertEquals(0xffff, config.read(SLOT2, VENDOR_ID, 2));
        assertEquals(-1, handler.lastOffset);
    }

    @Test
    void unplug_afterwards_theSlotAndBarAddressAreFreeForTheNextFunction() throws Exception {
        long bar = machines.machine.pciDevices().get(2).regions().get(0).address();

        machines.machine.deleteDevice("nv1");
        machines.machine.addDevice(TestDeviceFactory.DRIVER, Map.of("id", "nv2"), Frontend.QMP);

        assertEquals(2, machines.machine.pciDevices().get(2).slot());
        assertEquals(bar, machines.machine.pciDevices().get(2).regions().get(0).address());
        assertEquals(0x1000_0008L, bus.read(bar + 8, 4));
    }
}
