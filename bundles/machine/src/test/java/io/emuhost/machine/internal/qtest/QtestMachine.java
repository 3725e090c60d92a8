package io.emuhost.machine.internal.qtest;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.Frontend;
import io.emuhost.backend.file.internal.FileBackendFactory;
import io.emuhost.backend.file.internal.RamBackendFactory;
import io.emuhost.machine.internal.MachineConfig;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.machine.internal.StaticFactories;
import io.emuhost.virtio.pci.internal.VirtioPciTransport;
import io.emuhost.virtio.pmem.internal.VirtioPmemPciFactory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code -machine pc -m 1G,slots=2,maxmem=8G} over the real backends and transport, with
 * {@code -object memory-backend-file,id=m1,mem-path=DIR/pmem.img,size=16M,share=on} and
 * {@code -device virtio-pmem-pci,id=nv1,memdev=m1,vectors=0} at 00:02.0 (IRQ 10, BAR4 assigned
 * as firmware would).
 */
final class QtestMachine {

    /** Where the 16 MiB device memory starts: the device-memory area above 4 GiB. */
    static final long PMEM_BASE = 0x1_0000_0000L;

    private QtestMachine() {
    }

    static MachineImpl withPmem(Path dir) throws ConfigurationException {
        MachineImpl machine = new MachineImpl(new MachineConfig("pc", 1L << 30, 2, OptionalLong.of(8L << 30)),
                new StaticFactories(Map.of("memory-backend-file", new FileBackendFactory(),
                        "memory-backend-ram", new RamBackendFactory()),
                        Map.of("virtio-pmem-pci", new VirtioPmemPciFactory(new VirtioPciTransport()))),
                new PrintStream(new ByteArrayOutputStream(), true));
        try {
            machine.addObject("memory-backend-file", Map.of("id", "m1", "mem-path",
                    dir.resolve("pmem.img").toString(), "size", "16M", "share", "on"), Frontend.COMMAND_LINE);
            machine.addDevice("virtio-pmem-pci", Map.of("id", "nv1", "memdev", "m1", "vectors", "0"),
                    Frontend.COMMAND_LINE);
        } catch (ConfigurationException | RuntimeException e) {
            machine.close();
            throw e;
        }
        return machine;
    }
}
