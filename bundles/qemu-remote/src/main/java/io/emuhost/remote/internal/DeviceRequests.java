package io.emuhost.remote.internal;

import io.emuhost.api.bus.BusFaultException;
import io.emuhost.api.bus.GuestBus;
import io.emuhost.api.machine.Machine;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out the forwarded guest accesses of one proxied function: configuration reads and
 * writes through the machine's host bridge at the function's devfn, and BAR accesses at their
 * absolute guest-physical address or port, which the machine's PCI bus decodes from the BAR
 * registers the forwarded configuration writes programmed (reference §1 items 3 to 5). Bad
 * accesses are answered with all ones and logged, as QEMU's own remote does
 * (hw/remote/message.c process_config_read, process_bar_read); they do not end the connection.
 * An access that meets guest memory whose host backing faulted (QEMU shrank a RAM file it shared)
 * is answered the same way, for that message only. Allocates nothing.
 */
final class DeviceRequests {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRequests.class);

    /** PCIe configuration space size; the machine implements 0..0xfff. */
    private static final int CONFIG_SPACE = 0x1000;
    /** PCI Local Bus 3.0 §6.2.4: the Interrupt Line register. */
    private static final int INTERRUPT_LINE = 0x3c;
    private static final long ALL_ONES = -1L;
    /** PCI Local Bus 3.0 §6.2.1: Header Type, bit 7 = multi-function device. */
    private static final int HEADER_TYPE = 0x0e;
    private static final int MULTIFUNCTION = 0x80;

    private final String name;
    private final Machine machine;
    private final GuestBus bus;
    private final int devfn;
    private final IrqForwarder irq;
    private final boolean multifunction;

    /**
     * Serves one function.
     *
     * @param name the remote object's id, for log lines
     * @param machine the machine
     * @param devfn the function's {@code slot << 3 | function} on bus 0
     * @param irq where changes of the Interrupt Line register go
     * @param multifunction report the multi-function bit: QEMU's slot holds a function 1 (the
     *     doorbell's pci-serial), which the guest scans only if function 0 says so (pitfall 1)
     */
    DeviceRequests(String name, Machine machine, int devfn, IrqForwarder irq, boolean multifunction) {
        this.name = name;
        this.machine = machine;
        this.bus = machine.bus();
        this.devfn = devfn;
        this.irq = irq;
        this.multifunction = multifunction;
    }

    /** Tells the interrupt forwarder the GSI the function's line is routed to now. */
    void routeInterrupt() {
        irq.route(machine.readPciConfig(0, devfn, INTERRUPT_LINE, 1));
    }

    /**
     * PCI_CFGREAD.
     *
     * @param payload PciConfDataMsg
     * @return the low {@code len} bytes of the register value, or all ones for a bad access
     */
    long configRead(ByteBuffer payload) {
        int addr = payload.getInt(Wire.CONF_ADDR);
        int len = payload.getInt(Wire.CONF_LEN);
        if (!validConfig(addr, len)) {
            LOG.warn("{}: bad PCI config read at 0x{} length {}", name, Integer.toHexString(addr), len);
            return ALL_ONES;
        }
        long value = machine.readPciConfig(0, devfn, addr, len) & mask(len);
        if (multifunction && addr <= HEADER_TYPE && HEADER_TYPE < addr + len) {
            value |= (long) MULTIFUNCTION << 8 * (HEADER_TYPE - addr);
        }
        return value;
    }

    /**
     * PCI_CFGWRITE; follows the Interrupt Line register for INTx.
     *
     * @param payload PciConfDataMsg
     */
    void configWrite(ByteBuffer payload) {
        int addr = payload.getInt(Wire.CONF_ADDR);
        int len = payload.getInt(Wire.CONF_LEN);
        if (!validConfig(addr, len)) {
            LOG.warn("{}: bad PCI config write at 0x{} length {}", name, Integer.toHexString(addr), len);
            return;
        }
        machine.writePciConfig(0, devfn, addr, len, payload.getInt(Wire.CONF_VAL));
        if (addr <= INTERRUPT_LINE && INTERRUPT_LINE < addr + len) {
            routeInterrupt();
        }
    }

    /**
     * BAR_READ.
     *
     * @param payload BarAccessMsg
     * @return the value, or all ones for a bad access size
     */
    long barRead(ByteBuffer payload) {
        long addr = payload.getLong(Wire.BAR_ADDR);
        int size = payload.getInt(Wire.BAR_ACCESS_SIZE);
        boolean memory = payload.get(Wire.BAR_MEMORY) != 0;
        if (!validBar(addr, size, memory)) {
            LOG.warn("{}: bad BAR read at 0x{} size {} memory {}", name, Long.toHexString(addr), size, memory);
            return ALL_ONES;
        }
        if (!memory) {
            return bus.in((int) addr, size) & mask(size);
        }
        try {
            return bus.read(addr, size);
        } catch (BusFaultException e) {
            LOG.warn("{}: BAR read at 0x{} size {}: {}", name, Long.toHexString(addr), size, e.getMessage());
            return ALL_ONES;
        }
    }

    /**
     * BAR_WRITE.
     *
     * @param payload BarAccessMsg
     */
    void barWrite(ByteBuffer payload) {
        long addr = payload.getLong(Wire.BAR_ADDR);
        int size = payload.getInt(Wire.BAR_ACCESS_SIZE);
        boolean memory = payload.get(Wire.BAR_MEMORY) != 0;
        if (!validBar(addr, size, memory)) {
            LOG.warn("{}: bad BAR write at 0x{} size {} memory {}", name, Long.toHexString(addr), size, memory);
            return;
        }
        long value = payload.getLong(Wire.BAR_VAL);
        if (memory) {
            try {
                bus.write(addr, size, value);
            } catch (BusFaultException e) {
                LOG.warn("{}: BAR write at 0x{} size {}: {}", name, Long.toHexString(addr), size, e.getMessage());
            }
        } else {
            bus.out((int) addr, size, (int) value);
        }
    }

    // hw/remote/message.c: addr + sizeof(val) must lie inside the config space; len 1, 2 or 4
    private static boolean validConfig(int addr, int len) {
        return (len == 1 || len == 2 || len == 4) && addr >= 0 && addr + 4 <= CONFIG_SPACE && (addr & (len - 1)) == 0;
    }

    // reference §1 item 5: size 1, 2, 4 or 8 for memory; ports are 16-bit with 1, 2 or 4 bytes
    private static boolean validBar(long addr, int size, boolean memory) {
        if (memory) {
            return size == 1 || size == 2 || size == 4 || size == 8;
        }
        return (size == 1 || size == 2 || size == 4) && addr >= 0 && addr + size <= 0x1_0000;
    }

    private static long mask(int len) {
        return len >= 8 ? ALL_ONES : (1L << (8 * len)) - 1;
    }
}
