package io.emuhost.machine.internal.irq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emuhost.api.bus.PciSlot;
import io.emuhost.api.machine.Frontend;
import io.emuhost.machine.internal.testing.ConfigPorts;
import io.emuhost.machine.internal.testing.RecordingListener;
import io.emuhost.machine.internal.testing.TestMachines;
import io.emuhost.testkit.device.TestDeviceFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterruptRoutingTest {

    private static final int SLOT2 = 2 << 3;
    private static final int STATUS = 0x06;
    private static final int INTERRUPT_STATUS = 0x08;

    @TempDir
    Path dir;

    private TestMachines machines;
    private ConfigPorts config;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void setUp() throws Exception {
        machines = TestMachines.with(dir, 1L << 30, 2, 8L << 30);
        machines.machine.interrupts().addListener(listener);
        config = new ConfigPorts(machines.machine.bus());
    }

    @AfterEach
    void tearDown() {
        machines.close();
    }

    private PciSlot plug(String id, String addr) throws Exception {
        machines.machine.addDevice(TestDeviceFactory.DRIVER, Map.of("id", id, "addr", addr), Frontend.COMMAND_LINE);
        return machines.devices.created().get(machines.devices.created().size() - 1).function().slot();
    }

    @Test
    void intx_assertAndDeassert_reachTheGsiOfTheInterruptLine() throws Exception {
        PciSlot slot = plug("nv1", "2");

        slot.intx().set(true);
        slot.intx().set(true);
        int statusWhileAsserted = config.read(SLOT2, STATUS, 2);
        slot.intx().set(false);

        assertEquals(List.of("intx 10 on", "intx 10 off"), listener.events);
        assertEquals(INTERRUPT_STATUS, statusWhileAsserted & INTERRUPT_STATUS);
        assertEquals(0, config.read(SLOT2, STATUS, 2) & INTERRUPT_STATUS);
    }

    @Test
    void intx_interruptDisableBit_masksTheLineButNotTheStatus() throws Exception {
        PciSlot slot = plug("nv1", "2");
        slot.intx().set(true);

        config.write(SLOT2, 0x04, 2, 0x0407);
        int statusWhileDisabled = config.read(SLOT2, STATUS, 2);
        config.write(SLOT2, 0x04, 2, 0x0007);

        assertEquals(List.of("intx 10 on", "intx 10 off", "intx 10 on"), listener.events);
        assertEquals(INTERRUPT_STATUS, statusWhileDisabled & INTERRUPT_STATUS);
    }

    @Test
    void intx_twoFunctionsOnOneGsi_areOred() throws Exception {
        PciSlot first = plug("nv1", "2");
        PciSlot second = plug("nv2", "5");

        first.intx().set(true);
        second.intx().set(true);
        first.intx().set(false);
        boolean stillAsserted = ((InterruptController) machines.machine.interrupts()).level(10);
        second.intx().set(false);

        assertTrue(stillAsserted);
        assertEquals(List.of("intx 10 on", "intx 10 off"), listener.events);
    }

    @Test
    void intx_rewritingTheInterruptLine_movesAnAssertedLine() throws Exception {
        PciSlot slot = plug("nv1", "2");
        slot.intx().set(true);

        config.write(SLOT2, 0x3c, 1, 5);

        assertEquals(List.of("intx 10 on", "intx 10 off", "intx 5 on"), listener.events);
    }

    @Test
    void msi_fromTheFunction_reachesListeners() throws Exception {
        PciSlot slot = plug("nv1", "2");

        slot.msi().deliver(0xfee0_0000L, 0x4041);

        assertEquals(List.of("msi 0xfee00000 0x4041"), listener.events);
    }

    @Test
    void msi_withBusMasterDisabled_isDropped() throws Exception {
        PciSlot slot = plug("nv1", "2");

        config.write(SLOT2, 0x04, 2, 0x0003);
        slot.msi().deliver(0xfee0_0000L, 0x4041);

        assertEquals(List.of(), listener.events);
    }

    @Test
    void busWriteToMsiWindow_isDeliveredAsMsi() {
        machines.machine.bus().write(0xfee0_1000L, 4, 0x55);

        assertEquals(List.of("msi 0xfee01000 0x55"), listener.events);
    }

    @Test
    void removeListener_stopsDeliveries() throws Exception {
        PciSlot slot = plug("nv1", "2");

        machines.machine.interrupts().removeListener(listener);
        slot.msi().deliver(0xfee0_0000L, 1);
        slot.intx().set(true);

        assertEquals(List.of(), listener.events);
    }

    @Test
    void unplug_deassertsTheLine() throws Exception {
        PciSlot slot = plug("nv1", "2");
        slot.intx().set(true);

        machines.close();

        assertEquals(List.of("intx 10 on", "intx 10 off"), listener.events);
    }
}
