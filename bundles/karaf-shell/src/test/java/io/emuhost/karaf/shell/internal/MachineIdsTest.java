package io.emuhost.karaf.shell.internal;

import io.emuhost.testkit.machine.FakeMachine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MachineIdsTest {

    @Test
    void objects_userBackendsOnly_mainRamLeftOut() {
        FakeMachine machine = new FakeMachine().mainRam(128L << 20).backend("mem2", 1 << 20).backend("mem1", 1 << 20);

        assertEquals(List.of("mem1", "mem2"), MachineIds.objects(machine));
    }

    @Test
    void objects_mainRamAsUserObject_leftOut() {
        FakeMachine machine = new FakeMachine().backend("pc.ram", 128L << 20).backend("mem1", 1 << 20);

        assertEquals(List.of("mem1"), MachineIds.objects(machine));
    }

    @Test
    void unusedBackends_backendsOfMemoryDevicesLeftOut() {
        FakeMachine machine = new FakeMachine().backend("mem1", 1 << 20).backend("mem2", 1 << 20)
                .pmem("nv1", 2, 0x100000000L, 1 << 20, "mem1");

        assertEquals(List.of("mem2"), MachineIds.unusedBackends(machine));
    }

    @Test
    void devices_idsFromBusAndMemoryDevices_sortedOnceWithoutAnonymous() {
        FakeMachine machine = new FakeMachine().pmem("nv2", 3, 0x200000000L, 1 << 20, "mem2")
                .pmem("nv1", 2, 0x100000000L, 1 << 20, "mem1").pmem(null, 4, 0x300000000L, 1 << 20, "mem3");

        assertEquals(List.of("nv1", "nv2"), MachineIds.devices(machine));
    }
}
