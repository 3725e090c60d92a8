package io.emuhost.machine.internal.pci;

import io.emuhost.api.bus.PciBar;
import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.bus.PciIdentity;
import io.emuhost.api.bus.PciSlot;
import java.util.List;

/**
 * A function that is only its identity: no BARs, no capabilities, no interrupt. The pc
 * machine's host bridge and ISA bridge are modelled so.
 *
 * @param identity the header identity
 */
public record HeaderOnlyFunction(PciIdentity identity) implements PciFunction {

    /** The i440FX host bridge at 00:00.0 (QEMU's subsystem 1af4:1100). */
    public static final PciIdentity I440FX = new PciIdentity(0x8086, 0x1237, 0x02, 0x06_00_00, 0x1af4, 0x1100, 0);
    /** The PIIX3 PCI-to-ISA bridge at 00:01.0. */
    public static final PciIdentity PIIX3 = new PciIdentity(0x8086, 0x7000, 0x00, 0x06_01_00, 0x1af4, 0x1100, 0);

    @Override
    public List<PciBar> bars() {
        return List.of();
    }

    @Override
    public int capabilityPointer() {
        return 0;
    }

    @Override
    public int readConfig(int offset, int size) {
        return 0;
    }

    @Override
    public void writeConfig(int offset, int size, int value) {
        // no registers above the header
    }

    @Override
    public void plug(PciSlot slot) {
        // nothing to connect
    }

    @Override
    public void unplug() {
        // nothing to release
    }
}
