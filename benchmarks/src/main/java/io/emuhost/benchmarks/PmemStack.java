package io.emuhost.benchmarks;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.api.machine.PciDeviceInfo;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.backend.file.internal.FileBackendFactory;
import io.emuhost.backend.file.internal.RamBackendFactory;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.machine.internal.SwitchableFactories;
import io.emuhost.testkit.driver.VirtioPmemDriver;
import io.emuhost.virtio.pci.internal.VirtioPciTransport;
import io.emuhost.virtio.pmem.internal.PmemStatistics;
import io.emuhost.virtio.pmem.internal.VirtioPmemPciFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The whole in-process stack a benchmark drives: a pc machine, a {@code memory-backend-file}
 * over a sparse file in {@code dir}, a {@code virtio-pmem-pci} device and the testkit's guest
 * driver, as {@code -m 128M,maxmem=16G -object memory-backend-file,id=mem1,share=on,...
 * -device virtio-pmem-pci,id=nv1,memdev=mem1}.
 */
final class PmemStack implements AutoCloseable {

    static final String DRIVER = "virtio-pmem-pci";
    private static final MachineSpec CONFIG = new MachineSpec("pc", 128L << 20, 0, OptionalLong.of(16L << 30));
    private static final long SCRATCH_BASE = 0x10_0000;
    private static final long SCRATCH_SIZE = 0x10_0000;

    final SwitchableFactories factories;
    final MachineImpl machine;
    final VirtioPmemDriver driver;
    /** The backend the device maps (its {@code flush()} stubbed if so asked). */
    final MemoryBackend backend;
    /** The backing file. */
    final Path file;
    private final VirtioPmemPciFactory pmem;

    PmemStack(Path dir, boolean msix) throws ConfigurationException, IOException {
        this(dir, msix, false);
    }

    /**
     * Builds the stack.
     *
     * @param dir where the backing file goes
     * @param msix MSI-X (two vectors) or INTx
     * @param stubFlush whether the backend's {@code flush()} returns at once (no fsync)
     */
    PmemStack(Path dir, boolean msix, boolean stubFlush) throws ConfigurationException, IOException {
        ObjectFactory files = stubFlush ? new StubFlushFactory(new FileBackendFactory()) : new FileBackendFactory();
        factories = new SwitchableFactories(Map.of("memory-backend-file", files,
                "memory-backend-ram", new RamBackendFactory()));
        pmem = newFactory();
        factories.arrive(DRIVER, pmem);
        machine = new MachineImpl(CONFIG, factories, System.err);
        file = Files.createTempFile(dir, "pmem", ".img");
        Files.delete(file);
        backend = (MemoryBackend) machine.addObject("memory-backend-file", Map.of("id", "mem1", "mem-path", file.toString(), "size", "64M",
                "share", "on"), Frontend.COMMAND_LINE);
        machine.addDevice(DRIVER, Map.of("id", "nv1", "memdev", "mem1", "vectors", msix ? "2" : "0"),
                Frontend.COMMAND_LINE);
        driver = VirtioPmemDriver.open(machine.bus(), machine.interrupts(),
                VirtioPmemDriver.options(SCRATCH_BASE, SCRATCH_SIZE).withMsix(msix));
    }

    /**
     * The device's statistics (requests completed, fsyncs run), as {@code x-query-virtio-pmem}
     * reports them; only while the first factory version serves the device.
     */
    PmemStatistics statistics() {
        return pmem.liveDevices().entries().get(0).statistics();
    }

    /** A new version of the device factory over a new transport, as an updated bundle brings. */
    static VirtioPmemPciFactory newFactory() {
        return new VirtioPmemPciFactory(new VirtioPciTransport());
    }

    /** The guest physical address of a BAR of the device. */
    long barAddress(int index) {
        for (PciDeviceInfo device : machine.pciDevices()) {
            if (device.qdevId().filter("nv1"::equals).isPresent()) {
                return device.regions().stream().filter(region -> region.bar() == index).findFirst()
                        .orElseThrow().address();
            }
        }
        throw new IllegalStateException("nv1 is not on the bus");
    }

    @Override
    public void close() throws IOException {
        driver.close();
        machine.close();
        Files.deleteIfExists(file);
    }
}
