package io.emuhost.qtest.internal;

import io.emuhost.api.bus.BusFaultException;
import io.emuhost.api.bus.GuestBus;
import io.emuhost.api.irq.InterruptEvents;
import io.emuhost.api.irq.InterruptListener;
import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.testkit.memory.HeapGuestMemory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pc-like bus in memory, as qtest sees it: RAM from 0, a 16 MiB file-like memory device
 * {@code m1} at 4 GiB that {@link #truncate} can cut short, the MSI window at 0xFEE00000 (a store
 * there is delivered as an MSI, as the machine's interrupt controller does), and one PCI function
 * at 00:02.0 (vendor 0x1AF4, device 0x105B) behind ports 0xCF8/0xCFC whose BAR4 holds a register
 * block: virtio-pmem's device configuration (start, size) at offset 0x2000, which takes accesses
 * of at most 4 bytes as virtio-pci registers do. Unclaimed addresses read 0, unclaimed ports all
 * ones.
 */
final class FakeBus implements GuestBus, InterruptEvents {

    static final long RAM_SIZE = 1 << 20;
    /** Where the memory device's 16 MiB start: the device-memory area above 4 GiB. */
    static final long PMEM_BASE = 0x1_0000_0000L;
    static final long PMEM_SIZE = 16 << 20;
    /** Where firmware put BAR4: above the memory device. */
    static final long BAR4 = 0x2_0000_0000L;
    /** The PCI function's slot on bus 0. */
    static final int SLOT = 2;

    private static final long BAR4_SIZE = 0x4000;
    private static final long DEVICE_CONFIG = BAR4 + 0x2000;
    private static final long MSI_BASE = 0xfee0_0000L;
    private static final long MSI_SIZE = 0x10_0000;
    private static final int CONFIG_ADDRESS = 0xcf8;
    private static final int CONFIG_DATA = 0xcfc;
    private static final int VENDOR_DEVICE = 0x105b_1af4;
    /** BAR4's low dword: 64-bit memory, prefetchable (PCI 3.0 §6.2.5.1). */
    private static final int BAR_FLAGS = 0xc;

    private final ShrinkableMemory memory = new ShrinkableMemory(
            new HeapGuestMemory(0, (int) RAM_SIZE).addRegion(PMEM_BASE, (int) PMEM_SIZE), PMEM_BASE, PMEM_SIZE, "m1");
    private final List<InterruptListener> listeners = new CopyOnWriteArrayList<>();
    private volatile int configAddress;
    /** The widest access the BAR4 registers saw. */
    volatile int widestRegisterAccess;

    /** The memory device's backing file shrinks to {@code bytes}. */
    void truncate(long bytes) {
        memory.truncate(bytes);
    }

    /** A device changes a GSI's level, on the calling thread. */
    void setGsi(int gsi, boolean level) {
        listeners.forEach(listener -> listener.intx(gsi, level));
    }

    @Override
    public long read(long address, int size) {
        if (inRange(address, BAR4, BAR4_SIZE)) {
            return register(address, size);
        }
        if (inRange(address, MSI_BASE, MSI_SIZE)) {
            return 0;
        }
        try {
            return switch (size) {
                case 1 -> memory.readByte(address);
                case 2 -> memory.readShort(address);
                case 4 -> Integer.toUnsignedLong(memory.readInt(address));
                default -> memory.readLong(address);
            };
        } catch (GuestMemoryException.BackingStoreFault e) {
            throw new BusFaultException(e);
        } catch (GuestMemoryException e) {
            return 0;
        }
    }

    @Override
    public void write(long address, int size, long value) {
        if (inRange(address, BAR4, BAR4_SIZE)) {
            widestRegisterAccess = Math.max(widestRegisterAccess, size);
            return;
        }
        if (inRange(address, MSI_BASE, MSI_SIZE)) {
            listeners.forEach(listener -> listener.msi(address, (int) value));
            return;
        }
        try {
            switch (size) {
                case 1 -> memory.writeByte(address, (int) value);
                case 2 -> memory.writeShort(address, (int) value);
                case 4 -> memory.writeInt(address, (int) value);
                default -> memory.writeLong(address, value);
            }
        } catch (GuestMemoryException.BackingStoreFault e) {
            throw new BusFaultException(e);
        } catch (GuestMemoryException e) {
            // unassigned: dropped
        }
    }

    @Override
    public int in(int port, int size) {
        if (port >= CONFIG_DATA && port < CONFIG_DATA + 4 && selectsOurFunction()) {
            int register = (configAddress & 0xfc) + (port - CONFIG_DATA);
            int dword = config(register & ~3);
            long value = Integer.toUnsignedLong(dword) >>> 8 * (register & 3);
            return (int) (value & ones(size));
        }
        return (int) ones(size);
    }

    @Override
    public void out(int port, int size, int value) {
        if (port == CONFIG_ADDRESS && size == 4) {
            configAddress = value;
        }
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public void addListener(InterruptListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(InterruptListener listener) {
        listeners.remove(listener);
    }

    /** Configuration mechanism #1 (PCI 3.0 §3.2.2.3.2): enable bit, bus 0, our slot, function 0. */
    private boolean selectsOurFunction() {
        int address = configAddress;
        return address < 0 && (address >> 16 & 0xff) == 0 && (address >> 11 & 31) == SLOT && (address >> 8 & 7) == 0;
    }

    private static int config(int dword) {
        return switch (dword) {
            case 0x00 -> VENDOR_DEVICE;
            case 0x20 -> (int) BAR4 | BAR_FLAGS;
            case 0x24 -> (int) (BAR4 >>> 32);
            default -> 0;
        };
    }

    /** virtio-pmem's configuration: le64 start, le64 size (virtio 1.2 §5.19.4). */
    private long register(long address, int size) {
        widestRegisterAccess = Math.max(widestRegisterAccess, size);
        long offset = address - DEVICE_CONFIG;
        if (offset < 0 || offset >= 16) {
            return 0;
        }
        long field = offset < 8 ? PMEM_BASE : PMEM_SIZE;
        long value = field >>> 8 * (offset & 7);
        return size == 8 ? value : value & ones(size);
    }

    private static boolean inRange(long address, long base, long size) {
        return address >= base && address - base < size;
    }

    private static long ones(int size) {
        return size == 8 ? -1L : (1L << 8 * size) - 1;
    }
}
