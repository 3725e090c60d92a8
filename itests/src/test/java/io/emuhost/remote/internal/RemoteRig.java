package io.emuhost.remote.internal;

import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.ObjectFactory;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.api.machine.PciDeviceInfo;
import io.emuhost.backend.file.internal.FileBackendFactory;
import io.emuhost.backend.file.internal.RamBackendFactory;
import io.emuhost.machine.internal.MachineImpl;
import io.emuhost.machine.internal.StaticFactories;
import io.emuhost.virtio.pci.internal.VirtioPciTransport;
import io.emuhost.virtio.pmem.internal.VirtioPmemPciFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A real machine assembled in process (as itests' PmemMachines does) with a virtio-pmem-pci
 * device in the proxy's form ({@code vectors=0,x-bar64=off}), and connections to it over real
 * socketpairs. The machine also knows {@code x-remote-object}, served by a
 * {@link RemoteObjectFactory} made once the machine exists.
 */
final class RemoteRig implements AutoCloseable {

    static final long MIB = 1L << 20;
    /** {@code -m 128M,maxmem=16G}. */
    static final MachineSpec CONFIG = new MachineSpec("pc", 128 * MIB, 0, OptionalLong.of(16L << 30));
    static final String DEVICE = "nv1";
    static final Duration DEVICE_WAIT = Duration.ofSeconds(2);

    final FileBackendFactory files = new FileBackendFactory();
    final AtomicReference<RemoteObjectFactory> remote = new AtomicReference<>();
    /** How often auto-shutdown asked the host to exit. */
    final java.util.concurrent.atomic.AtomicInteger exits = new java.util.concurrent.atomic.AtomicInteger();
    final MachineImpl machine;
    final Path dir;

    RemoteRig(Path dir) throws ConfigurationException {
        this.dir = dir;
        this.machine = new MachineImpl(CONFIG, new StaticFactories(
                Map.of("memory-backend-file", files, "memory-backend-ram", new RamBackendFactory(),
                        RemoteObjectOptions.TYPE, new LateFactory(remote)),
                Map.of("virtio-pmem-pci", new VirtioPmemPciFactory(new VirtioPciTransport()))), System.err);
        remote.set(new RemoteObjectFactory(machine, files, DEVICE_WAIT, exits::incrementAndGet));
    }

    /** {@code -object memory-backend-file,id=mem1,...,size=16M,share=on -device virtio-pmem-pci,id=nv1,memdev=mem1,vectors=0,x-bar64=off}. */
    RemoteRig withPmem() throws ConfigurationException {
        return withPmem(Map.of());
    }

    /**
     * As {@link #withPmem()}, with more device properties.
     *
     * @param extra e.g. {@code shmem-region=on}
     * @return this rig
     */
    RemoteRig withPmem(Map<String, String> extra) throws ConfigurationException {
        machine.addObject("memory-backend-file",
                Map.of("id", "mem1", "mem-path", dir.resolve("pmem.img").toString(), "size", "16M", "share", "on"),
                Frontend.COMMAND_LINE);
        Map<String, String> properties = new java.util.HashMap<>(
                Map.of("id", DEVICE, "memdev", "mem1", "vectors", "0", "x-bar64", "off"));
        properties.putAll(extra);
        machine.addDevice("virtio-pmem-pci", properties, Frontend.COMMAND_LINE);
        return this;
    }

    PciDeviceInfo device() {
        return machine.pciDevices().stream().filter(d -> d.qdevId().equals(Optional.of(DEVICE))).findFirst()
                .orElseThrow();
    }

    /** A connection served on its own thread; the returned peer is QEMU's end. */
    Served serve() {
        return serve(Optional.empty());
    }

    /** A connection with a doorbell at a socket path. */
    Served serve(Optional<String> doorbell) {
        int[] pair = Fds.socketpair();
        RemoteObjectOptions options = new RemoteObjectOptions(DEVICE, java.util.OptionalInt.empty(), Optional.empty(),
                doorbell, false);
        MpqemuConnection connection = new MpqemuConnection("r0", options, machine, files, DEVICE_WAIT, pair[0]);
        CompletableFuture<Optional<ProtocolException>> end = new CompletableFuture<>();
        Thread thread = new Thread(() -> end.complete(connection.serve()), "mpqemu-r0");
        thread.start();
        return new Served(new FakeQemu(pair[1]), connection, end, thread);
    }

    @Override
    public void close() {
        machine.close();
    }

    /** A connection being served and its QEMU end. */
    record Served(FakeQemu qemu, MpqemuConnection connection, CompletableFuture<Optional<ProtocolException>> end,
            Thread thread) implements AutoCloseable {

        @Override
        public void close() throws InterruptedException {
            connection.stop();
            thread.join(10_000);
            connection.release();
            qemu.close();
        }
    }

    /** Forwards to the factory made after the machine (the machine and the factory need each other). */
    private record LateFactory(AtomicReference<RemoteObjectFactory> factory) implements ObjectFactory {

        @Override
        public java.util.List<io.emuhost.api.device.PropertySpec> properties() {
            return RemoteObjectOptions.SPECS;
        }

        @Override
        public io.emuhost.api.device.UserObject create(String id, io.emuhost.api.device.Properties properties)
                throws ConfigurationException {
            return factory.get().create(id, properties);
        }
    }
}
