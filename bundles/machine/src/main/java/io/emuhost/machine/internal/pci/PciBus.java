package io.emuhost.machine.internal.pci;

import io.emuhost.api.bus.MmioBar;
import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.bus.PciSlot;
import io.emuhost.api.bus.RamBar;
import io.emuhost.api.device.ConfigurationException;
import io.emuhost.api.machine.PciDeviceInfo;
import io.emuhost.machine.internal.irq.GatedMsiSink;
import io.emuhost.machine.internal.irq.InterruptController;
import io.emuhost.machine.internal.irq.RoutedIntxLine;
import io.emuhost.machine.internal.memory.IoRegion;
import io.emuhost.machine.internal.memory.IoRegionMap;
import io.emuhost.machine.internal.memory.MemoryRegion;
import io.emuhost.machine.internal.memory.PhysicalMemory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * PCI bus 0 of the pc machine: up to 32 slots of 8 functions, configuration access by
 * bus/devfn, firmware-like resource assignment at plug time, and BAR contents mapped where the
 * BAR registers and the Memory Space bit say, live. All configuration traffic is serialized on
 * the bus; MMIO and memory accesses to mapped BARs take no lock.
 */
public final class PciBus {

    /** The number of device/function numbers on a bus. */
    public static final int DEVFN_COUNT = 256;
    /** The interrupt lines SeaBIOS programs for PIRQ A..D on the PIIX3 (10, 10, 11, 11). */
    private static final int[] PIRQ_LINES = {10, 10, 11, 11};

    private final PhysicalMemory memory;
    private final IoRegionMap mmio;
    private final InterruptController interrupts;
    private final BarAllocator allocator;
    private final Type0Header[] headers = new Type0Header[DEVFN_COUNT];
    /** Functions being unplugged: still in configuration space, BARs no longer decoded. */
    private final boolean[] leaving = new boolean[DEVFN_COUNT];

    /**
     * Creates an empty bus.
     *
     * @param memory where RAM BARs are mapped (and what functions use for DMA)
     * @param mmio where register BARs are mapped
     * @param interrupts the interrupt controller
     * @param window32Start the bottom of the 32-bit BAR window
     * @param window64Start the bottom of the 64-bit BAR window
     */
    public PciBus(PhysicalMemory memory, IoRegionMap mmio, InterruptController interrupts, long window32Start,
            long window64Start) {
        this.memory = memory;
        this.mmio = mmio;
        this.interrupts = interrupts;
        this.allocator = new BarAllocator(window32Start, window64Start);
    }

    /**
     * Puts a function on the bus, assigns its resources as firmware would (BAR addresses,
     * I/O + memory + bus master enabled, interrupt line) and maps its BARs.
     *
     * @param function the function
     * @param devfn the requested {@code slot << 3 | function}, or -1 for function 0 of the first free slot
     * @param name the device model name, for messages
     * @param qdevId the device id, if any
     * @return the devfn the function occupies
     * @throws ConfigurationException with QEMU's wording if the place is taken
     */
    public synchronized int plug(PciFunction function, int devfn, String name, Optional<String> qdevId)
            throws ConfigurationException {
        int at = devfn < 0 ? firstFreeSlot(name) : devfn;
        Type0Header occupant = headers[at];
        if (occupant != null) {
            throw new ConfigurationException(String.format("PCI: slot %d function %d not available for %s,"
                    + " in use by %s,id=%s", at >> 3, at & 7, name, occupant.name(),
                    occupant.qdevId().orElse("(null)")));
        }
        RoutedIntxLine intx = new RoutedIntxLine(interrupts);
        Type0Header header = new Type0Header(at, name, qdevId, function, intx);
        function.plug(new PciSlot(0, at >> 3, at & 7, memory, new GatedMsiSink(interrupts, header), intx));
        headers[at] = header;
        assignResources(header);
        remap();
        return at;
    }

    private int firstFreeSlot(String name) throws ConfigurationException {
        for (int devfn = 0; devfn < DEVFN_COUNT; devfn += 8) {
            if (headers[devfn] == null) {
                return devfn;
            }
        }
        throw new ConfigurationException("PCI: no slot/function available for " + name + ", all in use or reserved");
    }

    /** Largest BAR first, as SeaBIOS does (pci_region_map_entries), so alignment wastes no space. */
    private void assignResources(Type0Header header) {
        List<BarRegister> bySize = new ArrayList<>(header.bars());
        bySize.sort(Comparator.comparingLong((BarRegister bar) -> bar.bar().size()).reversed());
        for (BarRegister bar : bySize) {
            long address = allocator.allocate(bar.bar().size(), bar.bar().is64Bit());
            bar.assigned(address);
            bar.program(address);
        }
        int pin = header.identity().interruptPin();
        if (pin >= 1 && pin <= 4) {
            int slot = header.devfn() >> 3;
            header.setInterruptLine(PIRQ_LINES[(slot - 1 + pin - 1) & 3]);
        }
        header.setCommand(Type0Header.COMMAND_IO | Type0Header.COMMAND_MEMORY | Type0Header.COMMAND_BUS_MASTER);
    }

    /**
     * Takes a function off the bus, in three steps. First its BARs stop decoding (MMIO to them is
     * unassigned from now on; memory BARs are unmapped once no access is in flight) and stay off
     * whatever the guest writes. Then {@link PciFunction#unplug()} runs, outside the bus lock, with
     * the interrupt paths and configuration space still there, so the function can answer what
     * the guest gave it before and a driver that checks for the function finds it until then.
     * Last its INTx line is deasserted for good, its header leaves configuration space (reads
     * all ones) and its slot and BAR addresses are freed. Does nothing if it is not plugged.
     *
     * @param function the function
     */
    public void unplug(PciFunction function) {
        Type0Header header = stopDecoding(function);
        if (header != null) {
            try {
                function.unplug();
            } finally {
                header.intx().detach();
                remove(header);
            }
        }
    }

    private synchronized Type0Header stopDecoding(PciFunction function) {
        for (Type0Header header : headers) {
            if (header != null && header.function() == function && !leaving[header.devfn()]) {
                leaving[header.devfn()] = true;
                for (BarRegister bar : header.bars()) {
                    unmap(bar);
                }
                return header;
            }
        }
        return null;
    }

    private synchronized void remove(Type0Header header) {
        headers[header.devfn()] = null;
        leaving[header.devfn()] = false;
        for (BarRegister bar : header.bars()) {
            if (bar.assigned() != 0) {
                allocator.release(bar.assigned());
            }
        }
        remap();
    }

    /**
     * A configuration read; absent functions and other buses read all ones.
     *
     * @param bus bus number
     * @param devfn device/function number
     * @param offset register offset, 0..0xfff
     * @param size 1, 2 or 4
     * @return the value
     */
    public synchronized int readConfig(int bus, int devfn, int offset, int size) {
        Type0Header header = header(bus, devfn);
        if (header == null || !aligned(offset, size)) {
            return size == 4 ? -1 : (1 << (8 * size)) - 1;
        }
        return header.read(offset, size);
    }

    /**
     * A configuration write; writes to absent functions and other buses are dropped.
     *
     * @param bus bus number
     * @param devfn device/function number
     * @param offset register offset, 0..0xfff
     * @param size 1, 2 or 4
     * @param value the value
     */
    public synchronized void writeConfig(int bus, int devfn, int offset, int size, int value) {
        Type0Header header = header(bus, devfn);
        if (header != null && aligned(offset, size) && header.write(offset, size, value)) {
            remap();
        }
    }

    private Type0Header header(int bus, int devfn) {
        return bus == 0 && devfn >= 0 && devfn < DEVFN_COUNT ? headers[devfn] : null;
    }

    private static boolean aligned(int offset, int size) {
        return (size == 1 || size == 2 || size == 4) && (offset & (size - 1)) == 0
                && offset >= 0 && offset + size <= Type0Header.CONFIG_END;
    }

    /** Moves every BAR's contents to where its register and the Memory Space bit say. */
    private void remap() {
        for (Type0Header header : headers) {
            if (header != null) {
                for (BarRegister bar : header.bars()) {
                    if (bar.decode(header.memoryEnabled()) != bar.mappedAddress()) {
                        unmap(bar);
                    }
                }
            }
        }
        for (Type0Header header : headers) {
            if (header != null && !leaving[header.devfn()]) {
                for (BarRegister bar : header.bars()) {
                    long target = bar.decode(header.memoryEnabled());
                    if (target != BarRegister.UNMAPPED && target != bar.mappedAddress()) {
                        map(header, bar, target);
                    }
                }
            }
        }
    }

    private void map(Type0Header header, BarRegister bar, long address) {
        String name = header.name() + ".bar" + bar.index();
        if (bar.bar() instanceof MmioBar m) {
            IoRegion region = new IoRegion(name, address, m.size(), m.handler());
            if (mmio.tryMap(region)) {
                bar.mapped(address, region);
            }
        } else if (bar.bar() instanceof RamBar r) {
            long size = Math.min(r.size(), r.backend().size());
            MemoryRegion region = new MemoryRegion(name, address, size, r.backend(), 0,
                    MemoryRegion.windowsOf(r.backend()));
            if (memory.tryMap(region)) {
                bar.mapped(address, region);
            }
        }
    }

    private void unmap(BarRegister bar) {
        if (bar.mapping() instanceof IoRegion region) {
            mmio.unmap(region);
        } else if (bar.mapping() instanceof MemoryRegion region) {
            memory.unmap(region);
        }
        bar.mapped(BarRegister.UNMAPPED, null);
    }

    /**
     * The functions on the bus, by devfn ({@code query-pci}).
     *
     * @return one entry per function
     */
    public synchronized List<PciDeviceInfo> devices() {
        List<PciDeviceInfo> devices = new ArrayList<>();
        for (Type0Header header : headers) {
            if (header != null) {
                List<PciDeviceInfo.Region> regions = new ArrayList<>();
                for (BarRegister bar : header.bars()) {
                    regions.add(new PciDeviceInfo.Region(bar.index(), false, bar.bar().prefetchable(),
                            bar.bar().is64Bit(), bar.decode(header.memoryEnabled()), bar.bar().size()));
                }
                devices.add(new PciDeviceInfo(0, header.devfn() >> 3, header.devfn() & 7, header.identity(),
                        header.interruptLine(), header.qdevId(), regions));
            }
        }
        return devices;
    }
}
