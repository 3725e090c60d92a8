package io.emuhost.launcher;

/**
 * One entry of a function's capability list as a driver reads it; for virtio vendor
 * capabilities (id 0x09) the fields of {@code struct virtio_pci_cap} (virtio 1.2 §4.1.4).
 *
 * @param offset where the capability is in configuration space
 * @param id the capability id
 * @param next the next pointer
 * @param length cap_len
 * @param cfgType cfg_type
 * @param bar bar
 * @param barOffset offset within the BAR
 * @param barLength length
 * @param notifyOffMultiplier for NOTIFY_CFG, else 0
 */
record PciCap(int offset, int id, int next, int length, int cfgType, int bar, long barOffset, long barLength,
        long notifyOffMultiplier) {

    static final int VENDOR = 0x09;
    static final int COMMON_CFG = 1;
    static final int NOTIFY_CFG = 2;
    static final int ISR_CFG = 3;
    static final int DEVICE_CFG = 4;
    static final int PCI_CFG = 5;
}
