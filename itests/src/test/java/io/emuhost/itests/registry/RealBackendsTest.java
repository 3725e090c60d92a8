package io.emuhost.itests.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.backend.file.internal.FileBackendFactory;
import io.emuhost.backend.file.internal.RamBackendFactory;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.machine.internal.StaticFactories;
import io.emuhost.testkit.device.TestDeviceFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The machine over helper A's real backends: main RAM from memory-backend-ram, a memdev from a file. */
class RealBackendsTest {

    private static final long FOUR_GIB = 0x1_0000_0000L;

    @TempDir
    Path dir;

    private MachineImpl machine() throws Exception {
        Map<String, ObjectFactory> objects = Map.of("memory-backend-ram", new RamBackendFactory(),
                "memory-backend-file", new FileBackendFactory());
        Map<String, DeviceFactory> devices = Map.of(TestDeviceFactory.DRIVER, new TestDeviceFactory());
        return new MachineImpl(new MachineSpec("pc", 256L << 20, 2, OptionalLong.of(8L << 30)),
                new StaticFactories(objects, devices), new PrintStream(new ByteArrayOutputStream(), true));
    }

    @Test
    void guestWriteToFileBackedMemoryDevice_reachesTheFile() throws Exception {
        Path file = dir.resolve("pmem.img");
        try (MachineImpl machine = machine()) {
            machine.addObject("memory-backend-file", Map.of("id", "m1", "mem-path", file.toString(), "size", "2M",
                    "share", "on"), Frontend.COMMAND_LINE);
            machine.addDevice(TestDeviceFactory.DRIVER, Map.of("id", "nv1", "memdev", "m1"), Frontend.COMMAND_LINE);

            machine.bus().memory().writeLong(FOUR_GIB + 8, 0x0102_0304_0506_0708L);
        }

        ByteBuffer contents = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        try (FileChannel channel = FileChannel.open(file)) {
            channel.read(contents, 0);
        }
        assertEquals(0x0102_0304_0506_0708L, contents.getLong(8));
    }

    @Test
    void mainRam_isReadableAndWritableAndUnmappedOnClose() throws Exception {
        GuestMemory memory;
        try (MachineImpl machine = machine()) {
            memory = machine.bus().memory();
            memory.writeInt(0x1000, 0x1234_5678);

            assertEquals(0x1234_5678, memory.readInt(0x1000));
            assertEquals("pc.ram", machine.memdevs().get(0).id());
        }
        assertThrows(GuestMemoryException.InvalidAddress.class, () -> memory.readInt(0x1000));
    }
}
