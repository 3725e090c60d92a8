package io.emuhost.karaf.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Frontend;
import io.emuhost.testkit.machine.FakeMachine;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The actions as Karaf runs them: fields injected, then execute. */
class CommandsTest {

    private final FakeMachine machine = new FakeMachine();

    @Test
    void objectAdd_callsMachineWithHmpStrings() throws Exception {
        ObjectAddCommand command = new ObjectAddCommand();
        command.machine = machine;
        command.type = "memory-backend-file";
        command.properties = List.of("id=mem1", "size=64M");

        assertNull(command.execute());

        assertEquals(List.of(new FakeMachine.Call("object", "memory-backend-file",
                Map.of("id", "mem1", "size", "64M"), Frontend.HMP)), machine.calls);
    }

    @Test
    void deviceAdd_qemuForm_callsMachine() throws Exception {
        DeviceAddCommand command = new DeviceAddCommand();
        command.machine = machine;
        command.driver = "virtio-pmem-pci,id=nv1,memdev=mem1";

        command.execute();

        assertEquals(List.of(new FakeMachine.Call("device", "virtio-pmem-pci",
                Map.of("id", "nv1", "memdev", "mem1"), Frontend.HMP)), machine.calls);
    }

    @Test
    void deviceAdd_refused_isTheCommandsErrorInQemuWords() {
        String refusal = "Property 'virtio-pmem-pci.memdev' can't find value 'nope'";
        machine.failing("virtio-pmem-pci", refusal);
        DeviceAddCommand command = new DeviceAddCommand();
        command.machine = machine;
        command.driver = "virtio-pmem-pci";
        command.properties = List.of("memdev=nope");

        ConfigurationException e = assertThrows(ConfigurationException.class, command::execute);

        assertEquals(refusal, e.getMessage());
    }

    @Test
    void deletes_passTheId() throws Exception {
        DeviceDelCommand deviceDel = new DeviceDelCommand();
        deviceDel.machine = machine;
        deviceDel.id = "nv1";
        ObjectDelCommand objectDel = new ObjectDelCommand();
        objectDel.machine = machine;
        objectDel.id = "mem1";

        deviceDel.execute();
        objectDel.execute();

        assertEquals(List.of("device_del:nv1", "object_del:mem1"),
                machine.calls.stream().map(c -> c.kind() + ":" + c.type()).toList());
    }

    @Test
    void help_isQemusHelpWord() {
        assertEquals(true, HelpWord.is("help"));
        assertEquals(true, HelpWord.is("?"));
        assertEquals("Object types:\n  a\n  b", HelpWord.list("Object types", List.of("a", "b")));
    }
}
