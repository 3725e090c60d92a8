package io.emuhost.testkit.driver;

/**
 * One entry of a function's capability list.
 *
 * @param id the capability ID (0x09 vendor specific, 0x11 MSI-X, ...)
 * @param offset its offset in configuration space
 */
public record PciCapability(int id, int offset) {
}
