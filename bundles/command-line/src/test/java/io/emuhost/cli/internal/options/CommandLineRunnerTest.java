package io.emuhost.cli.internal.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.testkit.machine.FakeMachine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandLineRunnerTest {

    private static final CreateRequest MEM1 = new CreateRequest("-object",
            "memory-backend-file,id=mem1,mem-path=a,size=4G", "memory-backend-file",
            Map.of("id", "mem1", "mem-path", "a", "size", "4G"));
    private static final CreateRequest NV1 = new CreateRequest("-device", "virtio-pmem-pci,memdev=mem1",
            "virtio-pmem-pci", Map.of("memdev", "mem1"));

    private final FakeMachine machine = new FakeMachine();

    private static CommandLine line(List<CreateRequest> objects, List<CreateRequest> devices) {
        return new CommandLine(MachineSpec.defaults(), objects, devices, List.of(), Optional.empty(), false,
                Optional.empty());
    }

    @Test
    void createAll_createsObjectsThenDevicesFromTheCommandLine() throws CommandLineException {
        new CommandLineRunner(machine, FactoryAvailability.IMMEDIATE).createAll(line(List.of(MEM1), List.of(NV1)));

        assertEquals(List.of(
                new FakeMachine.Call("object", "memory-backend-file", MEM1.properties(), Frontend.COMMAND_LINE),
                new FakeMachine.Call("device", "virtio-pmem-pci", NV1.properties(), Frontend.COMMAND_LINE)),
                machine.calls);
    }

    @Test
    void createAll_waitsForEachTypeBeforeCreatingIt() throws CommandLineException {
        List<String> waits = new ArrayList<>();
        FactoryAvailability recording = new FactoryAvailability() {
            @Override
            public void awaitStartup() {
            }

            @Override
            public void awaitObjectType(String type) {
                waits.add("object " + type + " after " + machine.calls.size());
            }

            @Override
            public void awaitDeviceDriver(String driver) {
                waits.add("device " + driver + " after " + machine.calls.size());
            }

            @Override
            public void awaitProtocol(String protocol) {
                waits.add("protocol " + protocol);
            }
        };

        new CommandLineRunner(machine, recording).createAll(line(List.of(MEM1), List.of(NV1)));

        assertEquals(List.of("object memory-backend-file after 0", "device virtio-pmem-pci after 1"), waits);
    }

    @Test
    void createAll_objectParseError_isLocatedAtTheOption() {
        machine.failing("memory-backend-file", "Parameter 'size' expects a size value");

        CommandLineException e = assertThrows(CommandLineException.class,
                () -> new CommandLineRunner(machine, FactoryAvailability.IMMEDIATE).createAll(line(List.of(MEM1), List.of(NV1))));

        assertEquals(Optional.of(MEM1.location()), e.location());
        assertEquals(1, machine.calls.size());
    }

    @Test
    void createAll_objectCreationError_hasNoLocation() {
        machine.failing("memory-backend-file", "backing store size 0x1000 does not match 'size' option 0x2000");

        CommandLineException e = assertThrows(CommandLineException.class,
                () -> new CommandLineRunner(machine, FactoryAvailability.IMMEDIATE).createAll(line(List.of(MEM1), List.of())));

        assertEquals(Optional.empty(), e.location());
        assertEquals("backing store size 0x1000 does not match 'size' option 0x2000", e.getMessage());
    }

    @Test
    void createAll_deviceError_isAlwaysLocatedAtTheOption() {
        machine.failing("virtio-pmem-pci", "not enough space, currently 0x0 in use of total space for memory devices 0x1");

        CommandLineException e = assertThrows(CommandLineException.class,
                () -> new CommandLineRunner(machine, FactoryAvailability.IMMEDIATE).createAll(line(List.of(), List.of(NV1))));

        assertEquals(Optional.of("-device virtio-pmem-pci,memdev=mem1"), e.location());
    }
}
