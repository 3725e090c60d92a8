package io.emuhost.virtio.pci.internal;

import static io.emuhost.virtio.pci.internal.VirtioCapabilities.CAP_BAR;
import static io.emuhost.virtio.pci.internal.VirtioCapabilities.CAP_LENGTH;
import static io.emuhost.virtio.pci.internal.VirtioCapabilities.CAP_OFFSET;
import static io.emuhost.virtio.pci.internal.VirtioCapabilities.MSIX_MESSAGE_CONTROL;
import static io.emuhost.virtio.pci.internal.VirtioCapabilities.PCI_CFG_DATA;

import io.emuhost.api.bus.IoHandler;
import io.emuhost.api.bus.MmioBar;
import io.emuhost.api.bus.PciBar;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import java.util.List;

/**
 * Configuration space from 0x40: the capability bytes, the driver-writable fields among them,
 * the PCI_CFG access window (virtio 1.2 §4.1.4.9) and the MSI-X Message Control bits. Bytes past
 * the capabilities read 0.
 */
final class PciConfigSpace {

    private static final int MSIX_ENABLE = 0x80;
    private static final int MSIX_FUNCTION_MASK = 0x40;
    private static final String STATE_BYTES = "virtio-pci.config-space";

    private final byte[] bytes;
    private final byte[] writable;
    private final int capabilityPointer;
    private final int pciCfg;
    private final int msixControlHigh;
    private final MsixTable msix;
    private final IoHandler[] barHandlers = new IoHandler[6];
    private final long[] barSizes = new long[6];

    PciConfigSpace(VirtioCapabilities.Layout layout, MsixTable msix, List<PciBar> bars) {
        this.bytes = layout.list().bytes();
        this.writable = layout.list().writeMask();
        this.capabilityPointer = layout.list().head();
        this.pciCfg = layout.pciCfg();
        this.msixControlHigh = layout.msix() == 0 ? -1 : layout.msix() + MSIX_MESSAGE_CONTROL + 1;
        this.msix = msix;
        for (PciBar bar : bars) {
            if (bar instanceof MmioBar mmio) {
                barHandlers[mmio.index()] = mmio.handler();
                barSizes[mmio.index()] = mmio.size();
            }
        }
    }

    int capabilityPointer() {
        return capabilityPointer;
    }

    /** Saves the capability bytes, driver-written fields included (live upgrade). */
    synchronized void save(DeviceState.Builder state) {
        state.put(STATE_BYTES, bytes);
    }

    /**
     * Takes over the driver-written fields of saved capability bytes. The read-only bytes must
     * be the same: the restored function has the old one's capability layout.
     */
    synchronized void restore(DeviceState state) throws StateException {
        byte[] saved = state.bytes(STATE_BYTES, bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (((saved[i] ^ bytes[i]) & ~writable[i]) != 0) {
                throw new StateException.Incompatible(String.format(
                        "capability byte 0x%x is 0x%02x, was 0x%02x", i, bytes[i] & 0xff, saved[i] & 0xff));
            }
            bytes[i] = saved[i];
        }
    }

    synchronized int read(int offset, int size) {
        if (offset + size > bytes.length) {
            return 0;
        }
        if (overlapsPciCfgData(offset, size)) {
            // virtio 1.2 §4.1.4.9: a read of pci_cfg_data first reads cap.length bytes from the BAR
            int length = windowLength();
            if (length > 0) {
                putLittleEndian(pciCfg + PCI_CFG_DATA, length, barHandlers[windowBar()].read(windowOffset(), length));
            }
        }
        int value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = value << 8 | bytes[offset + i] & 0xff;
        }
        return value;
    }

    synchronized void write(int offset, int size, int value) {
        if (offset + size > bytes.length) {
            return;
        }
        for (int i = 0; i < size; i++) {
            int mask = writable[offset + i];
            bytes[offset + i] = (byte) (bytes[offset + i] & ~mask | value >>> 8 * i & mask);
        }
        if (overlapsPciCfgData(offset, size)) {
            // virtio 1.2 §4.1.4.9: a write of pci_cfg_data writes its first cap.length bytes to the BAR
            int length = windowLength();
            if (length > 0) {
                barHandlers[windowBar()].write(windowOffset(), length, getLittleEndian(pciCfg + PCI_CFG_DATA, length));
            }
        }
        if (offset <= msixControlHigh && msixControlHigh < offset + size) {
            int control = bytes[msixControlHigh];
            msix.control((control & MSIX_ENABLE) != 0, (control & MSIX_FUNCTION_MASK) != 0);
        }
    }

    private boolean overlapsPciCfgData(int offset, int size) {
        int data = pciCfg + PCI_CFG_DATA;
        return offset < data + 4 && data < offset + size;
    }

    /**
     * The window's access length, or 0 if the driver set up an access the device ignores: a
     * length other than 1, 2 or 4, a misaligned offset, or no register BAR there.
     */
    private int windowLength() {
        long length = getLittleEndian(pciCfg + CAP_LENGTH, 4);
        int bar = windowBar();
        long offset = windowOffset();
        boolean sizeOk = length == 1 || length == 2 || length == 4;
        if (!sizeOk || offset % length != 0 || bar >= barHandlers.length || barHandlers[bar] == null
                || offset + length > barSizes[bar]) {
            return 0;
        }
        return (int) length;
    }

    private int windowBar() {
        return bytes[pciCfg + CAP_BAR] & 0xff;
    }

    private long windowOffset() {
        return getLittleEndian(pciCfg + CAP_OFFSET, 4);
    }

    private long getLittleEndian(int offset, int length) {
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = value << 8 | bytes[offset + i] & 0xff;
        }
        return value;
    }

    private void putLittleEndian(int offset, int length, long value) {
        for (int i = 0; i < length; i++) {
            bytes[offset + i] = (byte) (value >>> 8 * i);
        }
    }
}
