package io.emuhost.machine.internal.testing;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.DeviceFactory;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.machine.internal.StaticFactories;
import io.emuhost.testkit.device.TestDeviceFactory;
import io.emuhost.testkit.monitor.RecordingEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/** A machine assembled from test doubles, with its diagnostics captured. */
public final class TestMachines implements AutoCloseable {

    /** One mebibyte. */
    public static final long MIB = 1L << 20;
    /** One gibibyte. */
    public static final long GIB = 1L << 30;

    /** Backends for {@code memory-backend-file}. */
    public final TestBackendFactory files;
    /** Backends for {@code memory-backend-ram} (pc.ram). */
    public final TestBackendFactory rams;
    /** A {@code test-object}: a user object that is no memory backend. */
    public final ObjectFactory plainObjects = new PlainObjectFactory();
    /** Ids of closed backends, in order. */
    public final List<String> closeLog = new CopyOnWriteArrayList<>();
    /** The {@code test-pmem-pci} driver. */
    public final TestDeviceFactory devices;
    /** The QMP events the machine emitted. */
    public final RecordingEvents events = new RecordingEvents();
    /** The machine. */
    public final MachineImpl machine;
    private final ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();

    /**
     * Builds a machine.
     *
     * @param dir where backing files go
     * @param config the machine shape
     * @param devices the device factory
     * @throws ConfigurationException if the machine cannot be built
     */
    public TestMachines(Path dir, MachineSpec config, TestDeviceFactory devices) throws ConfigurationException {
        this.files = new TestBackendFactory(dir, "memory-backend-file", closeLog);
        this.rams = new TestBackendFactory(dir, "memory-backend-ram", closeLog);
        this.devices = devices;
        Map<String, ObjectFactory> objects = Map.of("memory-backend-file", files, "memory-backend-ram", rams,
                PlainObjectFactory.TYPE, plainObjects);
        this.machine = new MachineImpl(config, new StaticFactories(objects, Map.<String, DeviceFactory>of(
                TestDeviceFactory.DRIVER, devices)), new PrintStream(diagnostics, true, StandardCharsets.UTF_8), events);
    }

    /**
     * {@code -m ram,slots=slots,maxmem=maxMem}.
     *
     * @param dir backing files
     * @param ram RAM size
     * @param slots slots
     * @param maxMem maxmem
     * @return the machine
     * @throws ConfigurationException if it cannot be built
     */
    public static TestMachines with(Path dir, long ram, int slots, long maxMem) throws ConfigurationException {
        return new TestMachines(dir, new MachineSpec("pc", ram, slots, OptionalLong.of(maxMem)),
                new TestDeviceFactory());
    }

    /**
     * A machine with default RAM and no maxmem.
     *
     * @param dir backing files
     * @return the machine
     * @throws ConfigurationException if it cannot be built
     */
    public static TestMachines defaults(Path dir) throws ConfigurationException {
        return new TestMachines(dir, MachineSpec.defaults(), new TestDeviceFactory());
    }

    /** @return what the machine printed on its diagnostics stream */
    public String diagnostics() {
        return diagnostics.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        machine.close();
    }
}
