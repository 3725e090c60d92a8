package io.emuhost.testkit.driver;

import static io.emuhost.testkit.driver.PciRegisters.BAR0;
import static io.emuhost.testkit.driver.PciRegisters.BAR_COUNT;
import static io.emuhost.testkit.driver.PciRegisters.BAR_IO_SPACE;
import static io.emuhost.testkit.driver.PciRegisters.BAR_MEM_PREFETCH;
import static io.emuhost.testkit.driver.PciRegisters.BAR_MEM_TYPE_64;
import static io.emuhost.testkit.driver.PciRegisters.BAR_MEM_TYPE_MASK;
import static io.emuhost.testkit.driver.PciRegisters.CAPABILITIES_POINTER;
import static io.emuhost.testkit.driver.PciRegisters.CAP_TTL;
import static io.emuhost.testkit.driver.PciRegisters.COMMAND;
import static io.emuhost.testkit.driver.PciRegisters.COMMAND_IO;
import static io.emuhost.testkit.driver.PciRegisters.COMMAND_MEMORY;
import static io.emuhost.testkit.driver.PciRegisters.DEVICE_ID;
import static io.emuhost.testkit.driver.PciRegisters.HEADER_TYPE;
import static io.emuhost.testkit.driver.PciRegisters.HEADER_TYPE_MULTIFUNCTION;
import static io.emuhost.testkit.driver.PciRegisters.NO_VENDOR;
import static io.emuhost.testkit.driver.PciRegisters.STATUS;
import static io.emuhost.testkit.driver.PciRegisters.STATUS_CAPABILITIES_LIST;
import static io.emuhost.testkit.driver.PciRegisters.VENDOR_ID;

import java.util.ArrayList;
import java.util.List;

/** Configuration-space work on PCI functions as Linux's PCI core does it: scan, size BARs, walk capabilities. */
public final class PciFunctionAccess {

    private final PciConfigAccess config;

    /**
     * Creates the access.
     *
     * @param config how configuration space is reached
     */
    public PciFunctionAccess(PciConfigAccess config) {
        this.config = config;
    }

    /**
     * The configuration space access underneath.
     *
     * @return the access
     */
    public PciConfigAccess config() {
        return config;
    }

    /**
     * Scans one bus for functions with the given identity, in device/function order; functions
     * 1..7 are probed only when function 0 has the multi-function bit.
     *
     * @param bus the bus number
     * @param vendorId vendor ID
     * @param deviceId device ID
     * @return the matching functions
     */
    public List<PciAddress> find(int bus, int vendorId, int deviceId) {
        List<PciAddress> found = new ArrayList<>();
        for (int device = 0; device < 32; device++) {
            PciAddress fn0 = new PciAddress(bus, device, 0);
            if (config.read(fn0, VENDOR_ID, 2) == NO_VENDOR) {
                continue;
            }
            boolean multi = (config.read(fn0, HEADER_TYPE, 1) & HEADER_TYPE_MULTIFUNCTION) != 0;
            for (int function = 0; function < (multi ? 8 : 1); function++) {
                PciAddress fn = new PciAddress(bus, device, function);
                if (config.read(fn, VENDOR_ID, 2) == vendorId && config.read(fn, DEVICE_ID, 2) == deviceId) {
                    found.add(fn);
                }
            }
        }
        return found;
    }

    /**
     * Reads and sizes the six BARs with decoding off while sizing, then restores the registers
     * and the command register (PCI Local Bus 3.0 §6.2.5.1).
     *
     * @param fn the function
     * @return one entry per BAR register that starts a BAR (the upper half of a 64-bit BAR
     *     gets no entry)
     */
    public List<PciBarInfo> bars(PciAddress fn) {
        int command = config.read(fn, COMMAND, 2);
        config.write(fn, COMMAND, 2, command & ~(COMMAND_IO | COMMAND_MEMORY));
        List<PciBarInfo> bars = new ArrayList<>();
        try {
            for (int i = 0; i < BAR_COUNT; i++) {
                PciBarInfo bar = sizeBar(fn, i);
                bars.add(bar);
                if (bar.is64Bit()) {
                    i++;
                }
            }
        } finally {
            config.write(fn, COMMAND, 2, command);
        }
        return bars;
    }

    private PciBarInfo sizeBar(PciAddress fn, int index) {
        int reg = BAR0 + 4 * index;
        int low = config.read(fn, reg, 4);
        long mask = Integer.toUnsignedLong(probe(fn, reg, low));
        if ((low & BAR_IO_SPACE) != 0) {
            // the size is the lowest writable address bit (Linux's pci_size)
            return new PciBarInfo(index, Integer.toUnsignedLong(low & ~0x3), Long.lowestOneBit(mask & ~0x3L),
                    true, false, false);
        }
        boolean is64 = (low & BAR_MEM_TYPE_MASK) == BAR_MEM_TYPE_64 && index + 1 < BAR_COUNT;
        long address = Integer.toUnsignedLong(low & ~0xf);
        mask &= ~0xfL;
        if (is64) {
            int high = config.read(fn, reg + 4, 4);
            address |= (long) high << 32;
            mask |= (long) probe(fn, reg + 4, high) << 32;
        }
        return new PciBarInfo(index, address, Long.lowestOneBit(mask), false, is64, (low & BAR_MEM_PREFETCH) != 0);
    }

    /** Writes all ones, reads the size mask back, restores the register. */
    private int probe(PciAddress fn, int reg, int original) {
        config.write(fn, reg, 4, 0xffff_ffff);
        int mask = config.read(fn, reg, 4);
        config.write(fn, reg, 4, original);
        return mask;
    }

    /**
     * Walks the capability list from the capabilities pointer (PCI Local Bus 3.0 §6.7), at most
     * {@code 48} entries, as Linux's pci_find_capability does.
     *
     * @param fn the function
     * @return the capabilities in list order; empty if the status register says there is no list
     */
    public List<PciCapability> capabilities(PciAddress fn) {
        List<PciCapability> caps = new ArrayList<>();
        if ((config.read(fn, STATUS, 2) & STATUS_CAPABILITIES_LIST) == 0) {
            return caps;
        }
        int pos = config.read(fn, CAPABILITIES_POINTER, 1);
        for (int ttl = CAP_TTL; ttl > 0 && pos >= 0x40; ttl--) {
            pos &= ~0x3;
            int header = config.read(fn, pos, 2);
            int id = header & 0xff;
            if (id == 0xff) {
                break;
            }
            caps.add(new PciCapability(id, pos));
            pos = header >>> 8 & 0xff;
        }
        return caps;
    }
}
