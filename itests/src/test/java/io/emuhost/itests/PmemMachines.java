package io.emuhost.itests;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.backend.file.internal.FileBackendFactory;
import io.emuhost.backend.file.internal.RamBackendFactory;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.machine.internal.StaticFactories;
import io.emuhost.testkit.driver.DriverOptions;
import io.emuhost.testkit.driver.VirtioPmemDriver;
import io.emuhost.virtio.pci.internal.VirtioPciTransport;
import io.emuhost.virtio.pmem.internal.VirtioPmemPciFactory;
import io.emuhost.virtio.rng.internal.VirtioRngPciFactory;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;

/** Assembles the system in process, the way the launcher does with OSGi, but by hand. */
final class PmemMachines {

    /** {@code -m 128M,maxmem=16G}: room for a 4 GiB device and more. */
    static final MachineSpec CONFIG = new MachineSpec("pc", 128L << 20, 0, OptionalLong.of(16L << 30));

    /** Guest RAM the drivers use for rings and requests: 1 MiB per driver from 1 MiB up. */
    static final long SCRATCH_BASE = 0x10_0000;
    static final long SCRATCH_SIZE = 0x10_0000;

    private PmemMachines() {
    }

    /**
     * A pc machine with the file and RAM backends, and virtio-pmem-pci and virtio-rng-pci over the
     * PCI transport.
     *
     * @return the machine; the caller closes it
     * @throws ConfigurationException if the machine cannot be built
     */
    static MachineImpl machine() throws ConfigurationException {
        return new MachineImpl(CONFIG, new StaticFactories(
                Map.of("memory-backend-file", new FileBackendFactory(), "memory-backend-ram", new RamBackendFactory()),
                Map.of("virtio-pmem-pci", new VirtioPmemPciFactory(new VirtioPciTransport()),
                        "virtio-rng-pci", new VirtioRngPciFactory(new VirtioPciTransport()))), System.err);
    }

    /**
     * {@code -object memory-backend-file,id=<memId>,mem-path=<file>,size=<size>,share=on}
     * {@code -device virtio-pmem-pci,id=<devId>,memdev=<memId>[,extra...]}.
     *
     * @param machine the machine
     * @param devId device id
     * @param memId backend id
     * @param file backing file
     * @param size size with suffix, e.g. {@code 64M}
     * @param extraDeviceProperties further device properties as key/value pairs
     * @return the device
     * @throws ConfigurationException if QEMU would refuse it
     */
    static Device addPmem(Machine machine, String devId, String memId, Path file, String size,
            String... extraDeviceProperties) throws ConfigurationException {
        machine.addObject("memory-backend-file",
                Map.of("id", memId, "mem-path", file.toString(), "size", size, "share", "on"), Frontend.COMMAND_LINE);
        Map<String, String> props = new HashMap<>(Map.of("id", devId, "memdev", memId));
        for (int i = 0; i < extraDeviceProperties.length; i += 2) {
            props.put(extraDeviceProperties[i], extraDeviceProperties[i + 1]);
        }
        return machine.addDevice("virtio-pmem-pci", props, Frontend.COMMAND_LINE);
    }

    /**
     * Driver options for the n-th virtio-pmem function, with its own scratch area.
     *
     * @param instance 0 for the first function in slot order
     * @return the options
     */
    static DriverOptions driverOptions(int instance) {
        return VirtioPmemDriver.options(SCRATCH_BASE + instance * SCRATCH_SIZE, SCRATCH_SIZE).withInstance(instance);
    }

    /**
     * Reproducible test bytes.
     *
     * @param seed the seed
     * @param length how many
     * @return the bytes
     */
    static byte[] pattern(long seed, int length) {
        byte[] bytes = new byte[length];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }
}
