package io.emuhost.machine.internal;

import io.emuhost.api.bus.GuestBus;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.device.UserObject;
import io.emuhost.api.irq.InterruptEvents;
import io.emuhost.api.machine.CpuSpec;
import io.emuhost.api.machine.FactoryBinding;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.MachineSpec;
import io.emuhost.api.machine.PciDeviceInfo;
import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.MemoryBackend;
import io.emuhost.api.memory.RamSection;
import io.emuhost.api.monitor.MonitorEvents;
import io.emuhost.machine.internal.irq.InterruptController;
import io.emuhost.machine.internal.irq.MsiWindow;
import io.emuhost.machine.internal.memory.DeviceMemoryArea;
import io.emuhost.machine.internal.memory.IoRegion;
import io.emuhost.machine.internal.memory.IoRegionMap;
import io.emuhost.machine.internal.memory.MemoryRegion;
import io.emuhost.machine.internal.memory.PcMemoryLayout;
import io.emuhost.machine.internal.memory.PhysicalMemory;
import io.emuhost.machine.internal.memory.PlacedMemoryDevice;
import io.emuhost.machine.internal.memory.SystemBus;
import io.emuhost.machine.internal.pci.ConfigMechanism1;
import io.emuhost.machine.internal.pci.EcamWindow;
import io.emuhost.machine.internal.pci.HeaderOnlyFunction;
import io.emuhost.machine.internal.pci.PciBus;
import io.emuhost.machine.internal.registry.Registry;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * QEMU's {@code pc} machine without CPUs: main RAM ({@code pc.ram}, split below and above 4 GiB),
 * the device-memory area, PCI bus 0 with the i440FX host bridge (00:00.0) and the PIIX3 ISA
 * bridge (00:01.0), configuration mechanism #1 on ports 0xCF8..0xCFF, ECAM at 0xB0000000 (when
 * low RAM leaves that range free), the MSI window at 0xFEE00000, and the registry every front
 * end goes through.
 *
 * <p>Diagnostics: warnings are printed as {@code warning: <msg>} lines (QEMU's text after the
 * program prefix), the one-time note about automatic device memory as a {@code note: <msg>} line.
 * Front ends that want a prefix such as {@code qemu-system-x86_64: } pass a stream that adds it.
 */
public final class MachineImpl implements Machine, AutoCloseable {

    private static final long WINDOW32_FLOOR = 0xc000_0000L;
    private static final String DEVICE_DELETED = "DEVICE_DELETED";
    private static final String SHUTDOWN = "SHUTDOWN";
    /** QEMU's guest-initiated {@code ShutdownCause}s: guest-shutdown, guest-reset, guest-panic. */
    private static final String GUEST_CAUSE = "guest-";
    private static final String PERIPHERAL = "/machine/peripheral/";

    private final MachineSpec config;
    private final PcMemoryLayout layout;
    private final PhysicalMemory memory = new PhysicalMemory();
    private final IoRegionMap mmio = new IoRegionMap();
    private final IoRegionMap ports = new IoRegionMap();
    private final InterruptController interrupts = new InterruptController();
    private final SystemBus bus = new SystemBus(memory, mmio, ports);
    private final DeviceMemoryArea area;
    private final PciBus pci;
    private final Registry registry;
    private final MonitorEvents events;
    private final Factories factories;
    private final PrintStream diagnostics;
    private final Consumer<String> shutdownRequests;
    /** The main RAM's regions, and whether each is mapped (outside RAM may take its place). */
    private final Map<MemoryRegion, Boolean> mainRam = new IdentityHashMap<>();
    private List<MemoryRegion> outsideRam = List.of();
    private boolean closed;

    /**
     * Builds the machine and allocates its main RAM through the {@code memory-backend-ram} factory.
     *
     * @param config the machine's shape
     * @param factories where object and device factories are found
     * @param diagnostics where warnings and notes go (System.err in production)
     * @throws ConfigurationException with QEMU's wording if the memory layout is impossible or the
     *     RAM cannot be created
     */
    public MachineImpl(MachineSpec config, Factories factories, PrintStream diagnostics)
            throws ConfigurationException {
        this(config, factories, diagnostics, (event, data) -> { });
    }

    /**
     * Builds the machine with a place to send QMP events ({@code DEVICE_DELETED}).
     *
     * @param config the machine's shape
     * @param factories where object and device factories are found
     * @param diagnostics where warnings and notes go (System.err in production)
     * @param events where QMP events go
     * @throws ConfigurationException with QEMU's wording if the memory layout is impossible or the
     *     RAM cannot be created
     */
    public MachineImpl(MachineSpec config, Factories factories, PrintStream diagnostics, MonitorEvents events)
            throws ConfigurationException {
        this(config, factories, diagnostics, events,
                cause -> diagnostics.println("warning: shutdown requested (" + cause + "), but nothing owns this machine"));
    }

    /**
     * Builds the machine for an owner that ends it when asked ({@link #requestShutdown}).
     *
     * @param config the machine's shape
     * @param factories where object and device factories are found
     * @param diagnostics where warnings and notes go (System.err in production)
     * @param events where QMP events go
     * @param shutdownRequests told the cause of each {@link #requestShutdown}, on the caller's thread
     * @throws ConfigurationException with QEMU's wording if the memory layout is impossible or the
     *     RAM cannot be created
     */
    public MachineImpl(MachineSpec config, Factories factories, PrintStream diagnostics, MonitorEvents events,
            Consumer<String> shutdownRequests) throws ConfigurationException {
        this.config = config;
        this.shutdownRequests = shutdownRequests;
        this.events = events;
        this.factories = factories;
        this.diagnostics = diagnostics;
        this.layout = PcMemoryLayout.of(config);
        this.area = new DeviceMemoryArea(layout, diagnostics);
        this.pci = new PciBus(memory, mmio, interrupts, Math.max(layout.belowFourG(), WINDOW32_FLOOR),
                layout.pciHole64Start());
        this.registry = new Registry(factories, memory, area, pci, diagnostics);
        MemoryBackend ram = registry.createMainRam(config.ramSize());
        try {
            mapMainRam(ram);
            ports.map(new IoRegion("pci-conf", ConfigMechanism1.PORT, ConfigMechanism1.PORT_COUNT,
                    new ConfigMechanism1(pci)));
            if (layout.belowFourG() <= EcamWindow.BASE) {
                mmio.map(new IoRegion("pcie-mmcfg", EcamWindow.BASE, EcamWindow.SIZE, new EcamWindow(pci)));
            }
            mmio.map(new IoRegion("msi", MsiWindow.BASE, MsiWindow.SIZE, new MsiWindow(interrupts)));
            pci.plug(new HeaderOnlyFunction(HeaderOnlyFunction.I440FX), 0, "i440FX", Optional.empty());
            pci.plug(new HeaderOnlyFunction(HeaderOnlyFunction.PIIX3), 1 << 3, "PIIX3", Optional.empty());
            factories.watchFactories(registry);
        } catch (ConfigurationException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void mapMainRam(MemoryBackend ram) {
        ByteBuffer[] windows = MemoryRegion.windowsOf(ram);
        if (layout.belowFourG() > 0) {
            mapMainRam(new MemoryRegion("ram-below-4g", 0, layout.belowFourG(), ram, 0, windows));
        }
        if (layout.aboveFourG() > 0) {
            mapMainRam(new MemoryRegion("ram-above-4g", layout.aboveFourGStart(), layout.aboveFourG(), ram,
                    layout.belowFourG(), windows));
        }
    }

    private void mapMainRam(MemoryRegion region) {
        memory.map(region);
        mainRam.put(region, true);
    }

    /**
     * Where RAM and the device-memory area lie.
     *
     * @return the layout
     */
    public PcMemoryLayout memoryLayout() {
        return layout;
    }

    @Override
    public GuestBus bus() {
        return bus;
    }

    @Override
    public InterruptEvents interrupts() {
        return interrupts;
    }

    @Override
    public UserObject addObject(String type, Map<String, ?> properties, Frontend frontend)
            throws ConfigurationException {
        return registry.addObject(type, properties, frontend);
    }

    @Override
    public Device addDevice(String driver, Map<String, ?> properties, Frontend frontend)
            throws ConfigurationException {
        return registry.addDevice(driver, properties, frontend);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Then emits QEMU's {@code DEVICE_DELETED} events: for a virtio proxy first one for its
     * {@code virtio-backend} child (path only), then {@code {"device": id, "path": ...}}.
     */
    @Override
    public void deleteDevice(String id) throws ConfigurationException {
        Device device = registry.deleteDevice(id);
        String path = PERIPHERAL + id;
        // hw/virtio/virtio-pci.c virtio_instance_init_common: every virtio-*-pci proxy owns the
        // virtio device as child "virtio-backend", which is unrealized (and reported) first
        if (device.driver().startsWith("virtio-")) {
            events.emit(DEVICE_DELETED, Map.of("path", path + "/virtio-backend"));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("device", id);
        data.put("path", path);
        events.emit(DEVICE_DELETED, data);
    }

    @Override
    public void setDeviceProperties(String id, Map<String, ?> properties, Frontend frontend)
            throws ConfigurationException {
        registry.setDeviceProperties(id, properties, frontend);
    }

    @Override
    public void resetDevice(String id) throws ConfigurationException {
        registry.resetDevice(id);
    }

    @Override
    public void deleteObject(String id) throws ConfigurationException {
        registry.deleteObject(id);
    }

    @Override
    public Optional<UserObject> object(String id) {
        return registry.object(id);
    }

    @Override
    public Optional<Device> device(String id) {
        return registry.device(id);
    }

    @Override
    public List<MemoryDeviceInfo> memoryDevices() {
        return area.devices().stream().map(PlacedMemoryDevice::info).toList();
    }

    @Override
    public List<MemdevInfo> memdevs() {
        return registry.memdevs();
    }

    @Override
    public List<FactoryBinding> factoryBindings() {
        return registry.factoryBindings();
    }

    @Override
    public List<PciDeviceInfo> pciDevices() {
        return pci.devices();
    }

    @Override
    public long ramSize() {
        return config.ramSize();
    }

    @Override
    public CpuSpec cpu() {
        return config.cpu();
    }

    @Override
    public int readPciConfig(int bus, int devfn, int offset, int size) {
        return pci.readConfig(bus, devfn, offset, size);
    }

    @Override
    public void writePciConfig(int bus, int devfn, int offset, int size, int value) {
        pci.writeConfig(bus, devfn, offset, size, value);
    }

    /**
     * {@inheritDoc}
     *
     * <p>A main-RAM region (below or above 4 GiB) leaves whole when any section overlaps it, and
     * comes back when none does any more. Left-out sections are reported as warnings.
     */
    @Override
    public synchronized void replaceSystemRam(List<RamSection> sections) throws ConfigurationException {
        for (int i = 0; i < sections.size(); i++) {
            for (int j = i + 1; j < sections.size(); j++) {
                if (overlaps(sections.get(i), sections.get(j).address(), sections.get(j).size())) {
                    throw new ConfigurationException(String.format("RAM sections [0x%x, +0x%x) and [0x%x, +0x%x) overlap",
                            sections.get(i).address(), sections.get(i).size(), sections.get(j).address(),
                            sections.get(j).size()));
                }
            }
        }
        outsideRam.forEach(memory::unmap);
        for (Map.Entry<MemoryRegion, Boolean> ram : mainRam.entrySet()) {
            MemoryRegion region = ram.getKey();
            boolean covered = sections.stream().anyMatch(section -> overlaps(section, region.base(), region.size()));
            if (covered && ram.getValue()) {
                memory.unmap(region);
                ram.setValue(false);
            } else if (!covered && !ram.getValue()) {
                memory.map(region);
                ram.setValue(true);
            }
        }
        List<MemoryRegion> mapped = new ArrayList<>();
        for (RamSection section : sections) {
            MemoryRegion region = new MemoryRegion(String.format("outside-ram@0x%x", section.address()),
                    section.address(), section.size(), section.backend(), section.backendOffset(),
                    MemoryRegion.windowsOf(section.backend()));
            if (memory.tryMap(region)) {
                mapped.add(region);
            } else {
                diagnostics.printf("warning: RAM section [0x%x, +0x%x) overlaps device memory and is left out%n",
                        section.address(), section.size());
            }
        }
        outsideRam = List.copyOf(mapped);
    }

    private static boolean overlaps(RamSection section, long base, long size) {
        return section.address() < base + size && base < section.address() + section.size();
    }

    /**
     * {@inheritDoc} As QEMU's main loop on a shutdown request ({@code qemu_system_shutdown}): the
     * {@code SHUTDOWN} event first, {@code guest} true for the causes a guest sets off, then the owner.
     */
    @Override
    public void requestShutdown(String cause) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("guest", cause.startsWith(GUEST_CAUSE));
        data.put("reason", cause);
        events.emit(SHUTDOWN, data);
        shutdownRequests.accept(cause);
    }

    /**
     * Stops following device factories, unplugs and closes the devices, unmaps all guest memory,
     * then closes the objects and the main RAM. Idempotent.
     */
    @Override
    public void close() {
        end(false);
    }

    /**
     * Closes the machine after a start that failed: as {@link #close()}, but each object undoes
     * what creating it made ({@link io.emuhost.api.device.UserObject#abandon()}: a backing file
     * the start created is removed), so that a failed start leaves nothing behind.
     */
    public void abandon() {
        end(true);
    }

    private synchronized void end(boolean abandon) {
        if (!closed) {
            closed = true;
            factories.unwatchFactories(registry);
            registry.closeDevices();
            for (MemoryRegion region : memory.regions()) {
                memory.unmap(region);
            }
            if (abandon) {
                registry.abandonObjects();
            } else {
                registry.closeObjects();
            }
        }
    }
}
