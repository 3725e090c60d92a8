package io.emuhost.itests.felix;

import static org.junit.Assert.assertEquals;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.PciDeviceInfo;
import io.emuhost.testkit.driver.VirtioPmemDriver;
import io.emuhost.testkit.virtqueue.DriverSplitQueue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * One virtio-pmem device as the seed example makes it ({@code -object memory-backend-file,...,share=on
 * -device virtio-pmem-pci,memdev=...,id=...}) over a fresh backing file under target/work, with
 * the testkit's guest driver bound to it.
 */
final class LivePmem {

    /** Guest RAM the drivers use for rings and requests: 1 MiB per driver from 1 MiB up. */
    static final long SCRATCH_BASE = 0x10_0000;
    static final long SCRATCH_SIZE = 0x10_0000;
    /** Long enough to span a bundle update; the SPEC holds flushes while no factory is present. */
    static final Duration DRIVER_TIMEOUT = Duration.ofSeconds(30);

    final String deviceId;
    final String backendId;
    final Path file;
    /** The machine, to find the device: holding the Device object would pin its bundle revision. */
    private final Machine machine;
    final VirtioPmemDriver driver;
    final MemoryDeviceInfo placed;
    final PciDeviceInfo pci;

    private LivePmem(String deviceId, String backendId, Path file, Machine machine, VirtioPmemDriver driver,
            MemoryDeviceInfo placed, PciDeviceInfo pci) {
        this.deviceId = deviceId;
        this.backendId = backendId;
        this.file = file;
        this.machine = machine;
        this.driver = driver;
        this.placed = placed;
        this.pci = pci;
    }

    /**
     * A new backing file under target/work.
     *
     * @param name a readable part of the name
     * @return the path (not yet created)
     */
    static Path newBackingFile(String name) throws IOException {
        Path dir = EmuhostRuntime.workDirectory();
        Files.createDirectories(dir);
        return dir.resolve(name + "-" + UUID.randomUUID() + ".img");
    }

    /**
     * Creates the backend.
     *
     * @param machine the machine
     * @param backendId the object id
     * @param file the backing file
     * @param size e.g. {@code 16M}
     */
    static void addBackend(Machine machine, String backendId, Path file, String size) throws ConfigurationException {
        machine.addObject("memory-backend-file", Map.of("id", backendId, "mem-path", file.toString(), "size", size,
                "share", "on"), Frontend.COMMAND_LINE);
    }

    /**
     * Creates backend and device and opens the driver on the {@code instance}-th virtio-pmem function.
     *
     * @param machine the machine
     * @param deviceId the device id
     * @param backendId the backend id
     * @param instance which virtio-pmem function in slot order the driver binds to
     * @return the live device
     */
    static LivePmem plug(Machine machine, String deviceId, String backendId, int instance) throws Exception {
        Path file = newBackingFile(backendId);
        addBackend(machine, backendId, file, "16M");
        machine.addDevice("virtio-pmem-pci", Map.of("id", deviceId, "memdev", backendId), Frontend.COMMAND_LINE);
        VirtioPmemDriver driver = VirtioPmemDriver.open(machine.bus(), machine.interrupts(),
                VirtioPmemDriver.options(SCRATCH_BASE + instance * SCRATCH_SIZE, SCRATCH_SIZE)
                        .withInstance(instance).withTimeout(DRIVER_TIMEOUT));
        MemoryDeviceInfo placed = memoryDevice(machine, deviceId);
        PciDeviceInfo pci = pciDevice(machine, deviceId);
        return new LivePmem(deviceId, backendId, file, machine, driver, placed, pci);
    }

    /**
     * The device as the machine has it now (after a live upgrade, the restored one).
     *
     * @return the device
     */
    Device device() {
        return machine.device(deviceId).orElseThrow();
    }

    static MemoryDeviceInfo memoryDevice(Machine machine, String id) {
        return machine.memoryDevices().stream().filter(d -> d.id().filter(id::equals).isPresent()).findFirst()
                .orElseThrow(() -> new AssertionError("no memory device " + id + " in " + machine.memoryDevices()));
    }

    static PciDeviceInfo pciDevice(Machine machine, String id) {
        return machine.pciDevices().stream().filter(d -> d.qdevId().filter(id::equals).isPresent()).findFirst()
                .orElseThrow(() -> new AssertionError("no PCI device " + id + " in " + machine.pciDevices()));
    }

    /**
     * No completion lost or duplicated: with the loop stopped, every request the driver made
     * available was used exactly once and every one was answered.
     *
     * @param loop the stopped loop
     */
    void assertEveryFlushAnsweredOnce(FlushLoop loop) {
        DriverSplitQueue queue = driver.pciDriver().queue(0);
        String state = loop.describe();
        assertEquals("used.idx == avail.idx (a duplicate completion makes it larger, a lost one smaller): " + state,
                queue.availIdx() & 0xffff, queue.usedIdx() & 0xffff);
        assertEquals("every descriptor came back: " + state, queue.size(), queue.freeDescriptors());
        assertEquals("answers == published flushes: " + state, loop.published(), loop.answered() + loop.failedAnswers());
        assertEquals("avail.idx == published flushes: " + state, loop.published() & 0xffff, queue.availIdx() & 0xffff);
        assertEquals("no failed FLUSH: " + state, 0, loop.failedAnswers());
    }
}
