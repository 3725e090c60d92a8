package io.emuhost.machine.internal.pci;

import io.emuhost.api.bus.IoHandler;

/**
 * PCI configuration mechanism #1 (PCI Local Bus 3.0 §3.2.2.3.2) on ports 0xCF8..0xCFF:
 * CONFIG_ADDRESS is the DWORD at 0xCF8 (bit 31 enable, bus 23:16, device 15:11, function 10:8,
 * register 7:2); CONFIG_DATA at 0xCFC..0xCFF takes any access size within the DWORD. Narrow
 * accesses to 0xCF8..0xCFB and data accesses while disabled read all ones and are dropped.
 */
public final class ConfigMechanism1 implements IoHandler {

    /** The first port: CONFIG_ADDRESS. */
    public static final int PORT = 0xcf8;
    /** Ports covered: CONFIG_ADDRESS and CONFIG_DATA. */
    public static final int PORT_COUNT = 8;

    private static final int ENABLE = 0x8000_0000;
    private static final int DATA = 4;

    private final PciBus bus;
    private int address;

    /**
     * Creates the port pair.
     *
     * @param bus the bus behind it
     */
    public ConfigMechanism1(PciBus bus) {
        this.bus = bus;
    }

    @Override
    public synchronized long read(long offset, int size) {
        if (offset == 0 && size == 4) {
            return Integer.toUnsignedLong(address);
        }
        if (offset >= DATA && (address & ENABLE) != 0) {
            return Integer.toUnsignedLong(bus.readConfig(busNumber(), devfn(), register(offset), size));
        }
        return -1L;
    }

    @Override
    public synchronized void write(long offset, int size, long value) {
        if (offset == 0 && size == 4) {
            address = (int) value;
        } else if (offset >= DATA && (address & ENABLE) != 0) {
            bus.writeConfig(busNumber(), devfn(), register(offset), size, (int) value);
        }
    }

    private int busNumber() {
        return (address >>> 16) & 0xff;
    }

    private int devfn() {
        return (address >>> 8) & 0xff;
    }

    private int register(long offset) {
        return (address & 0xfc) + (int) (offset - DATA);
    }
}
