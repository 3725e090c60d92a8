package io.emuhost.api.bus;

/**
 * The read-only identity fields of a type-0 PCI configuration header (PCI Local Bus 3.0 §6.2.1).
 *
 * @param vendorId vendor ID (offset 0x00)
 * @param deviceId device ID (0x02)
 * @param revision revision ID (0x08)
 * @param classCode class code (0x09..0x0b) as {@code base << 16 | sub << 8 | prog-if}
 * @param subsystemVendorId subsystem vendor ID (0x2c)
 * @param subsystemId subsystem ID (0x2e)
 * @param interruptPin interrupt pin (0x3d): 0 none, 1 INTA .. 4 INTD
 */
public record PciIdentity(int vendorId, int deviceId, int revision, int classCode,
        int subsystemVendorId, int subsystemId, int interruptPin) {
}
