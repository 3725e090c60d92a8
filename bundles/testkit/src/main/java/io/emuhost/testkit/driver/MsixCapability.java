package io.emuhost.testkit.driver;

/**
 * The MSI-X capability (PCI Local Bus 3.0 §6.8.2).
 *
 * @param configOffset where the capability sits in configuration space
 * @param tableSize the number of table entries (message control bits 10:0, plus one)
 * @param tableBar the BAR holding the table (BIR)
 * @param tableOffset the table's offset in that BAR
 * @param pbaBar the BAR holding the pending-bit array
 * @param pbaOffset the PBA's offset in that BAR
 */
public record MsixCapability(int configOffset, int tableSize, int tableBar, long tableOffset, int pbaBar,
        long pbaOffset) {
}
