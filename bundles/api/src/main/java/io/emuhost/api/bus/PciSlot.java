package io.emuhost.api.bus;

import io.emuhost.api.irq.IntxLine;
import io.emuhost.api.irq.MsiSink;
import io.emuhost.api.memory.GuestMemory;

/**
 * Where a plugged PCI function sits and the host resources it may use.
 *
 * @param bus bus number
 * @param device device (slot) number, 0..31
 * @param function function number, 0..7
 * @param memory guest memory for bus-master (DMA) accesses
 * @param msi MSI/MSI-X message delivery
 * @param intx the function's INTx line (the pin from its identity, routed by the machine)
 */
public record PciSlot(int bus, int device, int function, GuestMemory memory, MsiSink msi, IntxLine intx) {
}
