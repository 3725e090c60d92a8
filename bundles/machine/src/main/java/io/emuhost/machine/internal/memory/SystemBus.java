package io.emuhost.machine.internal.memory;

import io.emuhost.api.bus.BusFaultException;
import io.emuhost.api.bus.GuestBus;
import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;

/**
 * The CPU's view: loads and stores go to memory when a memory region holds the whole access,
 * else to the MMIO region holding it, else read 0 and are dropped (QEMU's unassigned memory).
 * Port I/O goes to the port region holding the access, else reads all ones. A memory access
 * holds {@link PhysicalMemory}'s access stamp only while it moves bytes, never while an MMIO
 * handler runs. A load or store whose memory faults (its backing file shrank) throws
 * {@link BusFaultException} for that access.
 */
public final class SystemBus implements GuestBus {

    private final PhysicalMemory memory;
    private final IoRegionMap mmio;
    private final IoRegionMap ports;

    /**
     * Creates the bus.
     *
     * @param memory RAM, memory devices and RAM BARs
     * @param mmio memory-mapped registers
     * @param ports port-mapped registers
     */
    public SystemBus(PhysicalMemory memory, IoRegionMap mmio, IoRegionMap ports) {
        this.memory = memory;
        this.mmio = mmio;
        this.ports = ports;
    }

    @Override
    public long read(long address, int size) {
        checkSize(size, 8);
        long stamp = memory.beginAccess();
        try {
            MemoryRegion ram = memory.regionContaining(address, size);
            if (ram != null) {
                return ram.load(address, size);
            }
        } catch (GuestMemoryException.BackingStoreFault e) {
            throw new BusFaultException(e);
        } finally {
            memory.endAccess(stamp);
        }
        IoRegion io = mmio.find(address, size);
        if (io != null) {
            return io.handler().read(address - io.base(), size) & mask(size);
        }
        return 0;
    }

    @Override
    public void write(long address, int size, long value) {
        checkSize(size, 8);
        long stamp = memory.beginAccess();
        try {
            MemoryRegion ram = memory.regionContaining(address, size);
            if (ram != null) {
                if (!ram.readOnly()) {
                    ram.store(address, size, value);
                }
                return;
            }
        } catch (GuestMemoryException.BackingStoreFault e) {
            throw new BusFaultException(e);
        } finally {
            memory.endAccess(stamp);
        }
        // the MMIO handler runs outside the memory access: it may itself access or unmap memory
        IoRegion io = mmio.find(address, size);
        if (io != null) {
            io.handler().write(address - io.base(), size, value & mask(size));
        }
    }

    @Override
    public int in(int port, int size) {
        checkSize(size, 4);
        IoRegion io = ports.find(port & 0xffff, size);
        if (io != null) {
            return (int) (io.handler().read((port & 0xffff) - io.base(), size) & mask(size));
        }
        return (int) mask(size);
    }

    @Override
    public void out(int port, int size, int value) {
        checkSize(size, 4);
        IoRegion io = ports.find(port & 0xffff, size);
        if (io != null) {
            io.handler().write((port & 0xffff) - io.base(), size, value & mask(size));
        }
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    private static long mask(int size) {
        return size == 8 ? -1L : (1L << (8 * size)) - 1;
    }

    private static void checkSize(int size, int max) {
        if (size != 1 && size != 2 && size != 4 && size != max) {
            throw new IllegalArgumentException("access size " + size);
        }
    }
}
