package io.emuhost.testkit.driver;

import io.emuhost.api.bus.GuestBus;
import io.emuhost.api.irq.InterruptEvents;
import io.emuhost.api.irq.InterruptListener;
import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.memory.GuestMemoryException;
import io.emuhost.testkit.memory.HeapGuestMemory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A machine with heap RAM, one PCI function at 00:03.0 reached by ports 0xCF8/0xCFC or ECAM at
 * 0xB0000000, and interrupt listeners. MMIO inside the function's BAR4 goes to the function.
 */
final class FakePciMachine implements GuestBus, InterruptEvents {

    static final long RAM_SIZE = 1 << 20;
    static final int SLOT = 3;

    final HeapGuestMemory memory = new HeapGuestMemory(0, (int) RAM_SIZE);
    final List<InterruptListener> listeners = new CopyOnWriteArrayList<>();
    final FakeVirtioPmemFunction function;
    /** The function left the bus: its configuration space reads all ones. */
    volatile boolean removed;
    private int configAddress;

    FakePciMachine() {
        this.function = new FakeVirtioPmemFunction(this);
    }

    @Override
    public long read(long address, int size) {
        if (function.claims(address)) {
            return function.mmioRead(address, size);
        }
        if (address >= EcamConfigAccess.DEFAULT_BASE && address < EcamConfigAccess.DEFAULT_BASE + (1 << 28)) {
            long off = address - EcamConfigAccess.DEFAULT_BASE;
            return isOurs(off >> 20, off >> 15 & 31, off >> 12 & 7) ? function.configRead((int) (off & 0xfff), size)
                    : ones(size);
        }
        try {
            return switch (size) {
                case 1 -> memory.readByte(address);
                case 2 -> memory.readShort(address);
                case 4 -> Integer.toUnsignedLong(memory.readInt(address));
                default -> memory.readLong(address);
            };
        } catch (GuestMemoryException e) {
            return 0;
        }
    }

    @Override
    public void write(long address, int size, long value) {
        if (function.claims(address)) {
            function.mmioWrite(address, size, value);
            return;
        }
        if (address >= EcamConfigAccess.DEFAULT_BASE && address < EcamConfigAccess.DEFAULT_BASE + (1 << 28)) {
            long off = address - EcamConfigAccess.DEFAULT_BASE;
            if (isOurs(off >> 20, off >> 15 & 31, off >> 12 & 7)) {
                function.configWrite((int) (off & 0xfff), size, (int) value);
            }
            return;
        }
        try {
            switch (size) {
                case 1 -> memory.writeByte(address, (int) value);
                case 2 -> memory.writeShort(address, (int) value);
                case 4 -> memory.writeInt(address, (int) value);
                default -> memory.writeLong(address, value);
            }
        } catch (GuestMemoryException e) {
            // unassigned: dropped
        }
    }

    @Override
    public int in(int port, int size) {
        if (port >= PortConfigAccess.CONFIG_DATA && port < PortConfigAccess.CONFIG_DATA + 4 && configAddress < 0) {
            int bus = configAddress >> 16 & 0xff;
            int dev = configAddress >> 11 & 31;
            int fn = configAddress >> 8 & 7;
            int reg = (configAddress & 0xfc) + (port - PortConfigAccess.CONFIG_DATA);
            return isOurs(bus, dev, fn) ? function.configRead(reg, size) : (int) ones(size);
        }
        return (int) ones(size);
    }

    @Override
    public void out(int port, int size, int value) {
        if (port == PortConfigAccess.CONFIG_ADDRESS && size == 4) {
            configAddress = value;
        } else if (port >= PortConfigAccess.CONFIG_DATA && port < PortConfigAccess.CONFIG_DATA + 4 && configAddress < 0
                && isOurs(configAddress >> 16 & 0xff, configAddress >> 11 & 31, configAddress >> 8 & 7)) {
            function.configWrite((configAddress & 0xfc) + (port - PortConfigAccess.CONFIG_DATA), size, value);
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

    void deliverMsi(long address, int data) {
        listeners.forEach(l -> l.msi(address, data));
    }

    void setGsi(int gsi, boolean level) {
        listeners.forEach(l -> l.intx(gsi, level));
    }

    private boolean isOurs(long bus, long dev, long fn) {
        return !removed && bus == 0 && dev == SLOT && fn == 0;
    }

    private static long ones(int size) {
        return size == 8 ? -1L : (1L << 8 * size) - 1;
    }
}
