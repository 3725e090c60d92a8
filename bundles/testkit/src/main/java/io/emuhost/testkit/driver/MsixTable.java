package io.emuhost.testkit.driver;

import static io.emuhost.testkit.driver.PciRegisters.MSIX_CONTROL;
import static io.emuhost.testkit.driver.PciRegisters.MSIX_CONTROL_ENABLE;
import static io.emuhost.testkit.driver.PciRegisters.MSIX_CONTROL_FUNCTION_MASK;
import static io.emuhost.testkit.driver.PciRegisters.MSIX_ENTRY_ADDR_HI;
import static io.emuhost.testkit.driver.PciRegisters.MSIX_ENTRY_ADDR_LO;
import static io.emuhost.testkit.driver.PciRegisters.MSIX_ENTRY_DATA;
import static io.emuhost.testkit.driver.PciRegisters.MSIX_ENTRY_SIZE;
import static io.emuhost.testkit.driver.PciRegisters.MSIX_ENTRY_VECTOR_CONTROL;

import io.emuhost.api.bus.GuestBus;

/**
 * Programs a function's MSI-X table the way Linux's msix_capability_init does (PCI Local Bus 3.0
 * §6.8.2): enable with the function masked, write each entry's address and data and unmask it,
 * then unmask the function.
 */
final class MsixTable {

    private MsixTable() {
    }

    static void enable(GuestBus bus, PciConfigAccess config, VirtioPciLayout layout, MsixCapability cap,
            int vectors, int dataBase) {
        PciAddress fn = layout.fn();
        int controlReg = cap.configOffset() + MSIX_CONTROL;
        int control = config.read(fn, controlReg, 2);
        config.write(fn, controlReg, 2, control | MSIX_CONTROL_ENABLE | MSIX_CONTROL_FUNCTION_MASK);
        long table = layout.barAddress(cap.tableBar()) + cap.tableOffset();
        for (int v = 0; v < vectors; v++) {
            long entry = table + (long) MSIX_ENTRY_SIZE * v;
            bus.write(entry + MSIX_ENTRY_ADDR_LO, 4, InterruptWaiter.MSI_ADDRESS);
            bus.write(entry + MSIX_ENTRY_ADDR_HI, 4, InterruptWaiter.MSI_ADDRESS >>> 32);
            bus.write(entry + MSIX_ENTRY_DATA, 4, dataBase + v);
            bus.write(entry + MSIX_ENTRY_VECTOR_CONTROL, 4, 0);
        }
        config.write(fn, controlReg, 2, (control | MSIX_CONTROL_ENABLE) & ~MSIX_CONTROL_FUNCTION_MASK);
    }

    static void disable(PciConfigAccess config, PciAddress fn, MsixCapability cap) {
        int controlReg = cap.configOffset() + MSIX_CONTROL;
        config.write(fn, controlReg, 2, config.read(fn, controlReg, 2) & ~MSIX_CONTROL_ENABLE);
    }
}
