package io.emuhost.virtio.pci.internal;

import io.emuhost.api.bus.IoHandler;
import io.emuhost.api.virtio.VirtioDevice;

/**
 * The registers behind BAR4, laid out like QEMU's virtio-pci modern memory BAR: four 4 KiB
 * regions, each announced by a capability (virtio 1.2 §4.1.4).
 *
 * <pre>
 * 0x0000 common configuration (§4.1.4.3)   0x1000 ISR status (§4.1.4.5)
 * 0x2000 device configuration (§4.1.4.6)   0x3000 notifications (§4.1.4.4), 4 bytes per queue
 * </pre>
 */
final class ModernBar implements IoHandler {

    static final int INDEX = 4;
    static final long SIZE = 0x4000;
    static final long REGION_SIZE = 0x1000;
    static final long COMMON = 0x0000;
    static final long ISR = 0x1000;
    static final long DEVICE = 0x2000;
    static final long NOTIFY = 0x3000;
    static final int NOTIFY_OFF_MULTIPLIER = 4;

    private final CommonConfig common;
    private final QueueActivation notifications;
    private final VirtioPciInterrupt interrupt;
    private final VirtioDevice device;

    ModernBar(CommonConfig common, VirtioPciInterrupt interrupt, VirtioDevice device) {
        this.common = common;
        this.notifications = common.activation();
        this.interrupt = interrupt;
        this.device = device;
    }

    @Override
    public long read(long offset, int size) {
        if (size == 8 && offset < NOTIFY) {
            // the regions take at most 32-bit accesses, as in QEMU: a 64-bit access is two
            return read(offset, 4) | read(offset + 4, 4) << 32;
        }
        long region = offset & ~(REGION_SIZE - 1);
        int within = (int) (offset - region);
        if (region == COMMON) {
            return common.read(within) & mask(size);
        }
        if (region == ISR) {
            return interrupt.readIsr();
        }
        if (region == DEVICE) {
            return readDeviceConfig(within, size);
        }
        return 0;
    }

    @Override
    public void write(long offset, int size, long value) {
        if (offset >= NOTIFY) {
            // the queue is chosen by the address; the value is ignored
            notifications.notifyQueue((int) ((offset - NOTIFY) / NOTIFY_OFF_MULTIPLIER));
            return;
        }
        if (size == 8) {
            write(offset, 4, value);
            write(offset + 4, 4, value >>> 32);
            return;
        }
        long region = offset & ~(REGION_SIZE - 1);
        int within = (int) (offset - region);
        if (region == COMMON) {
            common.write(within, value & mask(size));
        } else if (region == DEVICE && fitsDeviceConfig(within, size)) {
            device.writeConfig(within, size, value & mask(size));
        }
    }

    /** Device configuration beyond its size reads as all ones, like QEMU. */
    private long readDeviceConfig(int offset, int size) {
        return fitsDeviceConfig(offset, size) ? device.readConfig(offset, size) & mask(size) : mask(size);
    }

    private boolean fitsDeviceConfig(int offset, int size) {
        return offset + size <= device.configSize();
    }

    private static long mask(int size) {
        return size >= 8 ? -1L : (1L << 8 * size) - 1;
    }
}
