package io.emuhost.virtio.pci.internal;

import io.emuhost.api.virtio.SharedMemoryRegion;

/**
 * The capability chain of a virtio-pci function, in QEMU's order: COMMON, ISR, DEVICE, NOTIFY,
 * PCI_CFG (virtio 1.2 §4.1.4), then MSI-X, then one SHARED_MEMORY_CFG per region, each prepended.
 *
 * <pre>
 * struct virtio_pci_cap { u8 cap_vndr; u8 cap_next; u8 cap_len; u8 cfg_type; u8 bar; u8 id; u8 pad[2]; le32 offset; le32 length; }
 * notify: + le32 notify_off_multiplier    pci_cfg: + u8 pci_cfg_data[4]    cap64: + le32 offset_hi; le32 length_hi
 * </pre>
 */
final class VirtioCapabilities {

    static final int PCI_CAP_ID_VNDR = 0x09;
    static final int PCI_CAP_ID_MSIX = 0x11;

    static final int VIRTIO_PCI_CAP_COMMON_CFG = 1;
    static final int VIRTIO_PCI_CAP_NOTIFY_CFG = 2;
    static final int VIRTIO_PCI_CAP_ISR_CFG = 3;
    static final int VIRTIO_PCI_CAP_DEVICE_CFG = 4;
    static final int VIRTIO_PCI_CAP_PCI_CFG = 5;
    static final int VIRTIO_PCI_CAP_SHARED_MEMORY_CFG = 8;

    static final int CAP_LEN = 16;
    static final int NOTIFY_CAP_LEN = 20;
    static final int PCI_CFG_CAP_LEN = 20;
    static final int CAP64_LEN = 24;
    static final int MSIX_CAP_LEN = 12;

    /** Offsets inside struct virtio_pci_cap. */
    static final int CAP_BAR = 4;
    static final int CAP_OFFSET = 8;
    static final int CAP_LENGTH = 12;
    static final int PCI_CFG_DATA = 16;

    /** Offsets inside the MSI-X capability (PCI Local Bus 3.0 §6.8.2). */
    static final int MSIX_MESSAGE_CONTROL = 2;
    static final int MSIX_TABLE = 4;
    static final int MSIX_PBA = 8;

    /** Where the built capabilities are. */
    record Layout(CapabilityList list, int pciCfg, int msix) {
    }

    private VirtioCapabilities() {
    }

    /**
     * Builds the chain.
     *
     * @param msix the MSI-X table, with 0 vectors for none
     * @param msixBar the MSI-X BAR index
     * @param region the shared memory region, or null
     * @param shmBar the shared memory BAR index
     * @return the layout; {@code msix} is 0 without MSI-X
     */
    static Layout build(MsixTable msix, int msixBar, SharedMemoryRegion region, int shmBar) {
        CapabilityList list = new CapabilityList();
        int bar = ModernBar.INDEX;
        addVirtio(list, VIRTIO_PCI_CAP_COMMON_CFG, CAP_LEN, bar, ModernBar.COMMON, ModernBar.REGION_SIZE);
        addVirtio(list, VIRTIO_PCI_CAP_ISR_CFG, CAP_LEN, bar, ModernBar.ISR, ModernBar.REGION_SIZE);
        addVirtio(list, VIRTIO_PCI_CAP_DEVICE_CFG, CAP_LEN, bar, ModernBar.DEVICE, ModernBar.REGION_SIZE);
        int notify = addVirtio(list, VIRTIO_PCI_CAP_NOTIFY_CFG, NOTIFY_CAP_LEN, bar, ModernBar.NOTIFY,
                ModernBar.REGION_SIZE);
        list.put32(notify + CAP_LEN, ModernBar.NOTIFY_OFF_MULTIPLIER);
        // virtio 1.2 §4.1.4.9: cap.bar, cap.offset, cap.length and pci_cfg_data are read-write
        int pciCfg = addVirtio(list, VIRTIO_PCI_CAP_PCI_CFG, PCI_CFG_CAP_LEN, 0, 0, 0);
        list.allowWrite(pciCfg + CAP_BAR, 1, 0xff);
        list.allowWrite(pciCfg + CAP_OFFSET, 4, 0xff);
        list.allowWrite(pciCfg + CAP_LENGTH, 4, 0xff);
        list.allowWrite(pciCfg + PCI_CFG_DATA, 4, 0xff);
        int msixCap = 0;
        if (msix.vectors() > 0) {
            msixCap = list.add(PCI_CAP_ID_MSIX, MSIX_CAP_LEN);
            list.put16(msixCap + MSIX_MESSAGE_CONTROL, msix.vectors() - 1);
            list.put32(msixCap + MSIX_TABLE, MsixTable.TABLE_OFFSET | msixBar);
            list.put32(msixCap + MSIX_PBA, msix.pbaOffset() | msixBar);
            // PCI 3.0 §6.8.2.3: MSI-X Enable (bit 15) and Function Mask (bit 14)
            list.allowWrite(msixCap + MSIX_MESSAGE_CONTROL + 1, 1, 0xc0);
        }
        if (region != null) {
            long length = region.backend().size();
            int shm = addVirtio(list, VIRTIO_PCI_CAP_SHARED_MEMORY_CFG, CAP64_LEN, shmBar, 0, length);
            list.put8(shm + 5, region.id());
            list.put32(shm + CAP_LEN + 4, length >>> 32);
        }
        return new Layout(list, pciCfg, msixCap);
    }

    private static int addVirtio(CapabilityList list, int cfgType, int capLen, int bar, long offset, long length) {
        int cap = list.add(PCI_CAP_ID_VNDR, capLen);
        list.put8(cap + 2, capLen);
        list.put8(cap + 3, cfgType);
        list.put8(cap + CAP_BAR, bar);
        list.put32(cap + CAP_OFFSET, offset);
        list.put32(cap + CAP_LENGTH, length);
        return cap;
    }
}
