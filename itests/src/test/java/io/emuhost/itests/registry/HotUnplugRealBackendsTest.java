package io.emuhost.itests.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.emuhost.testkit.monitor.RecordingEvents;
import io.emuhost.testkit.monitor.RecordingEvents.Event;
import io.emuhost.virtio.pci.internal.VirtioPciTransport;
import io.emuhost.virtio.pmem.internal.VirtioPmemPciFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot-unplug over real mappings (memory-backend-file, virtio-pmem-pci): events, what leaves the
 * process, and that no access can reach an unmapped backend.
 */
class HotUnplugRealBackendsTest {

    private static final long FOUR_GIB = 0x1_0000_0000L;
    private static final byte[] DATA = {1, 2, 3, 4, 5, 6, 7, 8};

    @TempDir
    Path dir;

    private final RecordingEvents events = new RecordingEvents();

    private MachineImpl machine() throws Exception {
        Map<String, ObjectFactory> objects = Map.of("memory-backend-ram", new RamBackendFactory(),
                "memory-backend-file", new FileBackendFactory());
        Map<String, DeviceFactory> devices = Map.of(VirtioPmemPciFactory.DRIVER,
                new VirtioPmemPciFactory(new VirtioPciTransport()));
        return new MachineImpl(new MachineSpec("pc", 256L << 20, 2, OptionalLong.of(8L << 30)),
                new StaticFactories(objects, devices), new PrintStream(new ByteArrayOutputStream(), true), events);
    }

    private static void pmem(MachineImpl machine, Path file, String discard) throws Exception {
        machine.addObject("memory-backend-file", Map.of("id", "mem1", "mem-path", file.toString(), "size", "2M",
                "share", "on", "discard-data", discard), Frontend.COMMAND_LINE);
        machine.addDevice(VirtioPmemPciFactory.DRIVER, Map.of("id", "nv1", "memdev", "mem1"), Frontend.COMMAND_LINE);
    }

    private static long processMappingsOf(Path file) throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/proc/self/maps"))) {
            return lines.filter(line -> line.endsWith(file.toString())).count();
        }
    }

    private static long openDescriptorsOf(Path file) throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(file);
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    private static byte[] fileBytes(Path file) throws IOException {
        ByteBuffer contents = ByteBuffer.allocate(DATA.length);
        try (FileChannel channel = FileChannel.open(file)) {
            channel.read(contents, 0);
        }
        return contents.array();
    }

    @Test
    void deleteDevice_virtioPmem_emitsBackendThenDeviceEventLikeQemu() throws Exception {
        try (MachineImpl machine = machine()) {
            pmem(machine, dir.resolve("pmem.img"), "off");

            machine.deleteDevice("nv1");
        }

        assertEquals(List.of(
                new Event("DEVICE_DELETED", Map.of("path", "/machine/peripheral/nv1/virtio-backend")),
                new Event("DEVICE_DELETED", Map.of("device", "nv1", "path", "/machine/peripheral/nv1"))),
                events.events());
    }

    @Test
    void deleteDeviceThenObject_unmapsTheFileAndClosesItsDescriptor() throws Exception {
        Path file = dir.resolve("pmem.img");
        try (MachineImpl machine = machine()) {
            pmem(machine, file, "off");
            machine.bus().memory().write(FOUR_GIB, DATA, 0, DATA.length);
            long mappedWithDevice = processMappingsOf(file);

            machine.deleteDevice("nv1");
            long mappedAfterDeviceDel = processMappingsOf(file);
            machine.deleteObject("mem1");

            assertEquals(1, mappedWithDevice);
            assertEquals(1, mappedAfterDeviceDel);
            assertEquals(0, processMappingsOf(file));
            assertEquals(0, openDescriptorsOf(file));
            assertFalse(machine.bus().memory().isMapped(FOUR_GIB, 1));
        }
        assertArrayEquals(DATA, fileBytes(file));
    }

    @Test
    void deleteObject_discardData_punchesTheDataOut() throws Exception {
        Path file = dir.resolve("pmem.img");
        try (MachineImpl machine = machine()) {
            pmem(machine, file, "on");
            machine.bus().memory().write(FOUR_GIB, DATA, 0, DATA.length);
            machine.deleteDevice("nv1");

            machine.deleteObject("mem1");
        }
        assertArrayEquals(new byte[DATA.length], fileBytes(file));
    }

    @Test
    void deleteDeviceAndObject_whileOtherThreadsAccessTheRange_neverTouchUnmappedMemory() throws Exception {
        Path file = dir.resolve("pmem.img");
        try (MachineImpl machine = machine()) {
            GuestMemory memory = machine.bus().memory();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong served = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            Thread[] accessors = new Thread[3];
            for (int t = 0; t < accessors.length; t++) {
                int lane = t;
                accessors[t] = new Thread(() -> {
                    byte[] buffer = new byte[64];
                    while (running.get()) {
                        try {
                            memory.writeLong(FOUR_GIB + 64L * lane, lane);
                            memory.read(FOUR_GIB, buffer, 0, buffer.length);
                            machine.bus().read(FOUR_GIB + 8, 8);
                            served.incrementAndGet();
                        } catch (GuestMemoryException e) {
                            refused.incrementAndGet();
                        }
                    }
                });
                accessors[t].start();
            }
            for (int round = 0; round < 200; round++) {
                pmem(machine, file, "off");
                machine.deleteDevice("nv1");
                machine.deleteObject("mem1");
            }
            running.set(false);
            for (Thread accessor : accessors) {
                accessor.join();
            }

            assertTrue(served.get() + refused.get() > 0);
            assertEquals(0, processMappingsOf(file));
        }
    }
}
