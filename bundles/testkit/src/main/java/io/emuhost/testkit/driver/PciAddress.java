package io.emuhost.testkit.driver;

/**
 * A PCI function's address on the bus.
 *
 * @param bus bus number, 0..255
 * @param device device (slot) number, 0..31
 * @param function function number, 0..7
 */
public record PciAddress(int bus, int device, int function) {

    /**
     * Checks the ranges.
     *
     * @param bus bus
     * @param device device
     * @param function function
     */
    public PciAddress {
        if (bus < 0 || bus > 255 || device < 0 || device > 31 || function < 0 || function > 7) {
            throw new IllegalArgumentException("bad PCI address " + bus + ":" + device + "." + function);
        }
    }

    /** The address as Linux and {@code info pci} print it, e.g. {@code 00:03.0}. */
    @Override
    public String toString() {
        return String.format("%02x:%02x.%x", bus, device, function);
    }
}
