package io.emuhost.virtio.pci.internal;

/**
 * The PCI class code QEMU gives each virtio-pci device, as {@code base << 16 | sub << 8 | prog-if}.
 */
final class PciClassCodes {

    /** QEMU's PCI_CLASS_OTHERS (0xff) written as a 16-bit class id: base 0x00, sub 0xff. */
    static final int OTHERS = 0x00ff00;
    static final int NETWORK_ETHERNET = 0x020000;
    static final int STORAGE_SCSI = 0x010000;

    private static final int DEVICE_ID_NET = 1;
    private static final int DEVICE_ID_BLOCK = 2;

    private PciClassCodes() {
    }

    /**
     * The class code for a virtio device.
     *
     * @param deviceId the virtio device id (virtio 1.2 §5)
     * @return the class code
     */
    static int forDevice(int deviceId) {
        return switch (deviceId) {
            case DEVICE_ID_NET -> NETWORK_ETHERNET;
            case DEVICE_ID_BLOCK -> STORAGE_SCSI;
            default -> OTHERS; // includes pmem (27) and entropy (4), as in QEMU
        };
    }
}
