package io.emuhost.testkit.driver;

/**
 * A base address register as the driver found it: programmed address and size (found by writing
 * all ones and reading back, PCI Local Bus 3.0 §6.2.5.1).
 *
 * @param index BAR number
 * @param address the programmed address (0 if unprogrammed)
 * @param size size in bytes (0 if the BAR is absent)
 * @param io an I/O-space BAR
 * @param is64Bit a 64-bit memory BAR (it also uses the next register)
 * @param prefetchable the prefetchable bit
 */
public record PciBarInfo(int index, long address, long size, boolean io, boolean is64Bit, boolean prefetchable) {

    /**
     * Whether the BAR exists and decodes memory.
     *
     * @return true for a present memory BAR
     */
    public boolean isMemory() {
        return !io && size > 0;
    }
}
