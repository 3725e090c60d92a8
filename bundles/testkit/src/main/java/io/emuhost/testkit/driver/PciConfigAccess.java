package io.emuhost.testkit.driver;

/** How the driver reaches PCI configuration space. */
public interface PciConfigAccess {

    /**
     * A configuration read.
     *
     * @param fn the function
     * @param offset byte offset, naturally aligned for {@code size}
     * @param size 1, 2 or 4
     * @return the value, zero-extended
     */
    int read(PciAddress fn, int offset, int size);

    /**
     * A configuration write.
     *
     * @param fn the function
     * @param offset byte offset, naturally aligned for {@code size}
     * @param size 1, 2 or 4
     * @param value the value (low {@code size} bytes are used)
     */
    void write(PciAddress fn, int offset, int size, int value);
}
