package io.emuhost.machine.internal.testing;

import io.emuhost.api.bus.GuestBus;

/** Configuration mechanism #1 as a guest uses it: select with 0xCF8, then access 0xCFC + (offset & 3). */
public final class ConfigPorts {

    private final GuestBus bus;

    /**
     * Wraps a bus.
     *
     * @param bus the bus
     */
    public ConfigPorts(GuestBus bus) {
        this.bus = bus;
    }

    /**
     * A configuration read of bus 0.
     *
     * @param devfn slot &lt;&lt; 3 | function
     * @param offset register offset
     * @param size 1, 2 or 4
     * @return the value
     */
    public int read(int devfn, int offset, int size) {
        select(0, devfn, offset);
        return bus.in(0xcfc + (offset & 3), size);
    }

    /**
     * A configuration write to bus 0.
     *
     * @param devfn slot &lt;&lt; 3 | function
     * @param offset register offset
     * @param size 1, 2 or 4
     * @param value the value
     */
    public void write(int devfn, int offset, int size, int value) {
        select(0, devfn, offset);
        bus.out(0xcfc + (offset & 3), size, value);
    }

    /**
     * Writes CONFIG_ADDRESS with the enable bit.
     *
     * @param busNumber bus
     * @param devfn devfn
     * @param offset register
     */
    public void select(int busNumber, int devfn, int offset) {
        bus.out(0xcf8, 4, 0x8000_0000 | busNumber << 16 | devfn << 8 | (offset & 0xfc));
    }
}
