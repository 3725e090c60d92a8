package io.emuhost.api.machine;

import io.emuhost.api.bus.PciIdentity;
import java.util.List;
import java.util.Optional;

/**
 * A function on the machine's PCI bus as the monitor shows it ({@code info pci},
 * {@code query-pci}).
 *
 * @param bus bus number
 * @param slot device number
 * @param function function number
 * @param identity the header identity
 * @param irq the interrupt line register (0 until firmware routes it)
 * @param qdevId the device id, if the function belongs to a device that has one
 * @param regions the BARs
 */
public record PciDeviceInfo(int bus, int slot, int function, PciIdentity identity, int irq,
        Optional<String> qdevId, List<Region> regions) {

    /**
     * Copies the region list so the record stays immutable.
     *
     * @param bus bus
     * @param slot slot
     * @param function function
     * @param identity identity
     * @param irq irq
     * @param qdevId qdev id
     * @param regions regions
     */
    public PciDeviceInfo {
        regions = List.copyOf(regions);
    }

    /**
     * One BAR.
     *
     * @param bar BAR number
     * @param io true for an I/O BAR
     * @param prefetch the prefetchable bit
     * @param mem64 a 64-bit memory BAR
     * @param address the programmed address, or -1 while unprogrammed (all ones in the register)
     * @param size the size in bytes
     */
    public record Region(int bar, boolean io, boolean prefetch, boolean mem64, long address, long size) {
    }
}
