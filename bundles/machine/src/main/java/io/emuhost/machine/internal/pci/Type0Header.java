package io.emuhost.machine.internal.pci;

import io.emuhost.api.bus.PciBar;
import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.bus.PciIdentity;
import io.emuhost.machine.internal.irq.GatedMsiSink;
import io.emuhost.machine.internal.irq.RoutedIntxLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The type-0 configuration header of one plugged function (PCI Local Bus 3.0 §6.1, §6.2): the
 * machine implements bytes 0x00..0x3f and delegates 0x40..0xfff to the function. Accesses are
 * naturally aligned and guarded by the bus lock; the command register is also read lock-free by
 * the MSI path.
 *
 * <pre>
 * 0x00 vendor | device       0x04 command | status     0x08 revision | class code
 * 0x0c cache line size       0x10..0x24 BAR0..BAR5     0x2c subsystem vendor | subsystem
 * 0x30 expansion ROM (none)  0x34 capabilities pointer 0x3c interrupt line | pin
 * </pre>
 */
final class Type0Header implements GatedMsiSink.BusMaster {

    static final int COMMAND_IO = 0x1;
    static final int COMMAND_MEMORY = 0x2;
    static final int COMMAND_BUS_MASTER = 0x4;
    static final int COMMAND_INTX_DISABLE = 0x400;
    /** §6.2.2: the command bits this machine implements. */
    private static final int COMMAND_WRITABLE = COMMAND_IO | COMMAND_MEMORY | COMMAND_BUS_MASTER | COMMAND_INTX_DISABLE;
    /** §6.2.3 status bits. */
    private static final int STATUS_INTERRUPT = 0x08;
    private static final int STATUS_CAPABILITIES = 0x10;

    static final int HEADER_END = 0x40;
    static final int CONFIG_END = 0x1000;

    private final int devfn;
    private final String name;
    private final Optional<String> qdevId;
    private final PciFunction function;
    private final PciIdentity identity;
    private final BarRegister[] registers = new BarRegister[6];
    private final List<BarRegister> bars = new ArrayList<>();
    private final RoutedIntxLine intx;
    private volatile int command;
    private int cacheLineSize;
    private int interruptLine;

    Type0Header(int devfn, String name, Optional<String> qdevId, PciFunction function, RoutedIntxLine intx) {
        this.devfn = devfn;
        this.name = name;
        this.qdevId = qdevId;
        this.function = function;
        this.identity = function.identity();
        this.intx = intx;
        for (PciBar bar : function.bars()) {
            addBar(bar);
        }
    }

    private void addBar(PciBar bar) {
        int i = bar.index();
        boolean validIndex = i >= 0 && i < 6 && !(bar.is64Bit() && i == 5);
        boolean powerOfTwo = bar.size() >= 16 && Long.bitCount(bar.size()) == 1;
        if (!validIndex || !powerOfTwo || registers[i] != null || (bar.is64Bit() && registers[i + 1] != null)
                || (!bar.is64Bit() && bar.size() > 1L << 31)) {
            throw new IllegalArgumentException("invalid BAR " + bar + " of " + name);
        }
        BarRegister register = new BarRegister(bar);
        registers[i] = register;
        if (bar.is64Bit()) {
            registers[i + 1] = register;
        }
        bars.add(register);
    }

    int devfn() {
        return devfn;
    }

    String name() {
        return name;
    }

    Optional<String> qdevId() {
        return qdevId;
    }

    PciFunction function() {
        return function;
    }

    PciIdentity identity() {
        return identity;
    }

    List<BarRegister> bars() {
        return bars;
    }

    RoutedIntxLine intx() {
        return intx;
    }

    int interruptLine() {
        return interruptLine;
    }

    boolean memoryEnabled() {
        return (command & COMMAND_MEMORY) != 0;
    }

    @Override
    public boolean enabled() {
        return (command & COMMAND_BUS_MASTER) != 0;
    }

    /** Configuration read, offset naturally aligned for size 1, 2 or 4. */
    int read(int offset, int size) {
        if (offset >= HEADER_END) {
            return function.readConfig(offset, size);
        }
        int dword = readDword(offset & ~3);
        int shifted = dword >>> (8 * (offset & 3));
        return size == 4 ? shifted : shifted & ((1 << (8 * size)) - 1);
    }

    /**
     * Configuration write, offset naturally aligned for size 1, 2 or 4.
     *
     * @return true if a BAR or the command register changed, so mappings must follow
     */
    boolean write(int offset, int size, int value) {
        if (offset >= HEADER_END) {
            function.writeConfig(offset, size, value);
            return false;
        }
        int register = offset & ~3;
        int shift = 8 * (offset & 3);
        int lanes = (size == 4 ? -1 : (1 << (8 * size)) - 1) << shift;
        int merged = (readDword(register) & ~lanes) | ((value << shift) & lanes);
        return writeDword(register, merged, lanes);
    }

    private int readDword(int register) {
        return switch (register) {
            case 0x00 -> identity.vendorId() | identity.deviceId() << 16;
            case 0x04 -> command | status() << 16;
            case 0x08 -> identity.revision() & 0xff | identity.classCode() << 8;
            case 0x0c -> cacheLineSize;
            case 0x10, 0x14, 0x18, 0x1c, 0x20, 0x24 -> readBar((register - 0x10) / 4);
            case 0x2c -> identity.subsystemVendorId() | identity.subsystemId() << 16;
            case 0x34 -> function.capabilityPointer() & 0xff;
            case 0x3c -> interruptLine | (identity.interruptPin() & 0xff) << 8;
            default -> 0;
        };
    }

    private int status() {
        int status = function.capabilityPointer() != 0 ? STATUS_CAPABILITIES : 0;
        return intx.requested() ? status | STATUS_INTERRUPT : status;
    }

    private int readBar(int index) {
        BarRegister register = registers[index];
        return register == null ? 0 : register.read(index);
    }

    private boolean writeDword(int register, int value, int lanes) {
        switch (register) {
            case 0x04 -> {
                if ((lanes & 0xffff) != 0) {
                    setCommand(value & COMMAND_WRITABLE);
                    return true;
                }
            }
            case 0x0c -> {
                if ((lanes & 0xff) != 0) {
                    cacheLineSize = value & 0xff;
                }
            }
            case 0x10, 0x14, 0x18, 0x1c, 0x20, 0x24 -> {
                int index = (register - 0x10) / 4;
                if (registers[index] != null) {
                    registers[index].write(index, value);
                    return true;
                }
            }
            case 0x3c -> {
                if ((lanes & 0xff) != 0) {
                    setInterruptLine(value & 0xff);
                }
            }
            default -> {
                // read-only or unimplemented: ignored (§6.1)
            }
        }
        return false;
    }

    void setCommand(int value) {
        command = value;
        intx.disable((value & COMMAND_INTX_DISABLE) != 0);
    }

    void setInterruptLine(int line) {
        interruptLine = line;
        intx.route(line);
    }
}
