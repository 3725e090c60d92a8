package io.emuhost.api.bus;

/**
 * A base address register of a PCI function and what lies behind it. The machine implements the
 * BAR registers themselves (sizing, programming, the command register) and maps the contents at
 * the programmed address.
 */
public sealed interface PciBar permits MmioBar, RamBar {

    /**
     * The BAR number, 0..5; a 64-bit BAR also uses the next number.
     *
     * @return the index
     */
    int index();

    /**
     * The size of the BAR: a power of two, at least 16 for memory BARs.
     *
     * @return the size in bytes
     */
    long size();

    /**
     * Whether the BAR is a 64-bit memory BAR.
     *
     * @return true for 64-bit
     */
    boolean is64Bit();

    /**
     * Whether the BAR is prefetchable.
     *
     * @return the prefetchable bit
     */
    boolean prefetchable();
}
