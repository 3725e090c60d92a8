package io.emuhost.testkit.driver;

import static io.emuhost.testkit.driver.PciRegisters.BAR_COUNT;
import static io.emuhost.testkit.driver.PciRegisters.CAP_ID_MSIX;
import static io.emuhost.testkit.driver.PciRegisters.CAP_ID_VENDOR;
import static io.emuhost.testkit.driver.PciRegisters.MSIX_BIR_MASK;
import static io.emuhost.testkit.driver.PciRegisters.MSIX_CONTROL;
import static io.emuhost.testkit.driver.PciRegisters.MSIX_CONTROL_TABLE_SIZE;
import static io.emuhost.testkit.driver.PciRegisters.MSIX_PBA;
import static io.emuhost.testkit.driver.PciRegisters.MSIX_TABLE;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a virtio-pci function's structures are (virtio 1.2 §4.1.4), found by walking its
 * capability list the way Linux's virtio_pci_modern does: the first capability of each type
 * whose BAR is a present memory BAR; every shared-memory capability; the MSI-X capability.
 *
 * @param fn the function
 * @param bars the function's BARs
 * @param commonCfg the common configuration structure
 * @param notifyCfg the notification structure
 * @param isrCfg the ISR status structure
 * @param deviceCfg the device-specific configuration, if any
 * @param pciCfg the PCI configuration access capability, if any
 * @param sharedMemory the shared memory regions (virtio 1.2 §4.1.4.7), in list order
 * @param msix the MSI-X capability, if any
 */
public record VirtioPciLayout(PciAddress fn, List<PciBarInfo> bars, VirtioPciCap commonCfg, VirtioPciCap notifyCfg,
        VirtioPciCap isrCfg, Optional<VirtioPciCap> deviceCfg, Optional<VirtioPciCap> pciCfg,
        List<VirtioPciCap> sharedMemory, Optional<MsixCapability> msix) {

    /** VIRTIO_PCI_CAP_COMMON_CFG. */
    public static final int COMMON_CFG = 1;
    /** VIRTIO_PCI_CAP_NOTIFY_CFG. */
    public static final int NOTIFY_CFG = 2;
    /** VIRTIO_PCI_CAP_ISR_CFG. */
    public static final int ISR_CFG = 3;
    /** VIRTIO_PCI_CAP_DEVICE_CFG. */
    public static final int DEVICE_CFG = 4;
    /** VIRTIO_PCI_CAP_PCI_CFG. */
    public static final int PCI_CFG = 5;
    /** VIRTIO_PCI_CAP_SHARED_MEMORY_CFG. */
    public static final int SHARED_MEMORY_CFG = 8;

    private static final int CAP_CFG_TYPE = 3;
    private static final int CAP_BAR = 4;
    private static final int CAP_ID = 5;
    private static final int CAP_OFFSET = 8;
    private static final int CAP_LENGTH = 12;
    private static final int CAP_NOTIFY_OFF_MULTIPLIER = 16;
    private static final int CAP64_OFFSET_HI = 16;
    private static final int CAP64_LENGTH_HI = 20;

    /** sizeof(struct virtio_pci_common_cfg), the least Linux maps. */
    private static final long COMMON_CFG_MIN = 0x38;
    private static final long NOTIFY_CFG_MIN = 2;
    private static final long ISR_CFG_MIN = 1;

    /**
     * Copies the lists.
     *
     * @param fn fn
     * @param bars bars
     * @param commonCfg commonCfg
     * @param notifyCfg notifyCfg
     * @param isrCfg isrCfg
     * @param deviceCfg deviceCfg
     * @param pciCfg pciCfg
     * @param sharedMemory sharedMemory
     * @param msix msix
     */
    public VirtioPciLayout {
        bars = List.copyOf(bars);
        sharedMemory = List.copyOf(sharedMemory);
    }

    /**
     * Reads a function's BARs and capabilities.
     *
     * @param pci configuration access
     * @param fn the function
     * @return the layout
     * @throws VirtioDriverException.CapabilityMissing if common, notify or ISR is missing
     * @throws VirtioDriverException.CapabilityOutsideBar if a structure does not fit its BAR
     */
    public static VirtioPciLayout read(PciFunctionAccess pci, PciAddress fn) {
        List<PciBarInfo> bars = pci.bars(fn);
        PciConfigAccess cfg = pci.config();
        VirtioPciCap[] first = new VirtioPciCap[SHARED_MEMORY_CFG + 1];
        List<VirtioPciCap> shm = new ArrayList<>();
        MsixCapability msix = null;
        for (PciCapability cap : pci.capabilities(fn)) {
            if (cap.id() == CAP_ID_MSIX && msix == null) {
                msix = readMsix(cfg, fn, cap.offset());
            }
            if (cap.id() != CAP_ID_VENDOR) {
                continue;
            }
            VirtioPciCap v = readVirtioCap(cfg, fn, cap.offset());
            if (v.bar() >= BAR_COUNT || bar(bars, v.bar()).filter(PciBarInfo::isMemory).isEmpty()) {
                continue;
            }
            if (v.cfgType() == SHARED_MEMORY_CFG) {
                shm.add(v);
            } else if (v.cfgType() < first.length && first[v.cfgType()] == null) {
                first[v.cfgType()] = v;
            }
        }
        return new VirtioPciLayout(fn, bars,
                require(fn, bars, first[COMMON_CFG], COMMON_CFG, COMMON_CFG_MIN),
                require(fn, bars, first[NOTIFY_CFG], NOTIFY_CFG, NOTIFY_CFG_MIN),
                require(fn, bars, first[ISR_CFG], ISR_CFG, ISR_CFG_MIN),
                Optional.ofNullable(first[DEVICE_CFG]), Optional.ofNullable(first[PCI_CFG]), shm,
                Optional.ofNullable(msix));
    }

    /**
     * The guest physical address of a structure: its BAR's address plus its offset.
     *
     * @param cap the capability
     * @return the address
     * @throws VirtioDriverException.BarNotProgrammed if the BAR has no address
     */
    public long address(VirtioPciCap cap) {
        return barAddress(cap.bar()) + cap.offset();
    }

    /**
     * A BAR's programmed address.
     *
     * @param index BAR number
     * @return the address
     * @throws VirtioDriverException.BarNotProgrammed if the BAR is absent or has no address
     */
    public long barAddress(int index) {
        return bar(bars, index).filter(b -> b.address() != 0)
                .orElseThrow(() -> new VirtioDriverException.BarNotProgrammed(fn, index)).address();
    }

    /**
     * A shared memory region's capability by shmid (virtio 1.2 §4.1.4.7).
     *
     * @param id the shmid
     * @return the capability, or empty
     */
    public Optional<VirtioPciCap> sharedMemory(int id) {
        return sharedMemory.stream().filter(c -> c.id() == id).findFirst();
    }

    /**
     * A shared memory region by shmid, as Linux's vp_get_shm_region finds it: the capability's
     * BAR address plus offset, if the region lies inside the BAR.
     *
     * @param id the shmid
     * @return the region, or empty
     */
    public Optional<SharedMemoryWindow> sharedMemoryWindow(int id) {
        return sharedMemory(id).flatMap(cap -> {
            long barSize = bar(bars, cap.bar()).map(PciBarInfo::size).orElse(0L);
            // virtio 1.2 §4.1.4.7: the region lies within the BAR
            if (cap.length() == 0 || Long.compareUnsigned(cap.offset() + cap.length(), barSize) > 0) {
                return Optional.empty();
            }
            return Optional.of(new SharedMemoryWindow(id, address(cap), cap.length()));
        });
    }

    private static Optional<PciBarInfo> bar(List<PciBarInfo> bars, int index) {
        return bars.stream().filter(b -> b.index() == index).findFirst();
    }

    private static VirtioPciCap require(PciAddress fn, List<PciBarInfo> bars, VirtioPciCap cap, int type, long min) {
        if (cap == null) {
            throw new VirtioDriverException.CapabilityMissing(fn, type);
        }
        long barSize = bar(bars, cap.bar()).orElseThrow().size();
        if (cap.length() < min || cap.offset() + cap.length() > barSize) {
            throw new VirtioDriverException.CapabilityOutsideBar(cap, barSize);
        }
        return cap;
    }

    private static VirtioPciCap readVirtioCap(PciConfigAccess cfg, PciAddress fn, int at) {
        int type = cfg.read(fn, at + CAP_CFG_TYPE, 1);
        long offset = Integer.toUnsignedLong(cfg.read(fn, at + CAP_OFFSET, 4));
        long length = Integer.toUnsignedLong(cfg.read(fn, at + CAP_LENGTH, 4));
        int multiplier = 0;
        if (type == SHARED_MEMORY_CFG) {
            offset |= (long) cfg.read(fn, at + CAP64_OFFSET_HI, 4) << 32;
            length |= (long) cfg.read(fn, at + CAP64_LENGTH_HI, 4) << 32;
        } else if (type == NOTIFY_CFG) {
            multiplier = cfg.read(fn, at + CAP_NOTIFY_OFF_MULTIPLIER, 4);
        }
        return new VirtioPciCap(type, cfg.read(fn, at + CAP_BAR, 1), cfg.read(fn, at + CAP_ID, 1), offset, length,
                multiplier, at);
    }

    private static MsixCapability readMsix(PciConfigAccess cfg, PciAddress fn, int at) {
        int control = cfg.read(fn, at + MSIX_CONTROL, 2);
        int table = cfg.read(fn, at + MSIX_TABLE, 4);
        int pba = cfg.read(fn, at + MSIX_PBA, 4);
        return new MsixCapability(at, (control & MSIX_CONTROL_TABLE_SIZE) + 1,
                table & MSIX_BIR_MASK, Integer.toUnsignedLong(table & ~MSIX_BIR_MASK),
                pba & MSIX_BIR_MASK, Integer.toUnsignedLong(pba & ~MSIX_BIR_MASK));
    }
}
