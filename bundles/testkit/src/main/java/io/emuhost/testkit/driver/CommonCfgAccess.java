package io.emuhost.testkit.driver;

import static io.emuhost.testkit.driver.CommonCfg.DEVICE_FEATURE;
import static io.emuhost.testkit.driver.CommonCfg.DEVICE_FEATURE_SELECT;
import static io.emuhost.testkit.driver.CommonCfg.DEVICE_STATUS;
import static io.emuhost.testkit.driver.CommonCfg.DRIVER_FEATURE;
import static io.emuhost.testkit.driver.CommonCfg.DRIVER_FEATURE_SELECT;

import io.emuhost.api.bus.GuestBus;
import java.time.Duration;

/**
 * The driver's accesses to a function's common configuration structure (virtio 1.2 §4.1.4.3)
 * at its guest physical address, as Linux's vp_modern_* helpers: the status byte, the 64
 * feature bits through their select registers, 64-bit queue addresses as two 32-bit halves, and
 * MSI-X vector writes checked by reading them back. Not thread-safe by itself: the driver
 * serializes its use.
 */
final class CommonCfgAccess {

    private final GuestBus bus;
    private final long base;

    /**
     * @param bus the machine's bus
     * @param base the structure's guest physical address
     */
    CommonCfgAccess(GuestBus bus, long base) {
        this.bus = bus;
        this.base = base;
    }

    long read(int offset, int size) {
        return bus.read(base + offset, size);
    }

    void write(int offset, int size, long value) {
        bus.write(base + offset, size, value);
    }

    /** Writes a 64-bit field (queue_desc, queue_driver, queue_device) low half first. */
    void writeTwoPart(int offset, long value) {
        write(offset, 4, value & 0xffff_ffffL);
        write(offset + 4, 4, value >>> 32);
    }

    /** @return device_status */
    int status() {
        return (int) read(DEVICE_STATUS, 1);
    }

    /** Sets status bits, keeping those already set (§3.1.1). */
    void addStatus(int bits) {
        write(DEVICE_STATUS, 1, status() | bits);
    }

    /**
     * Writes 0 to device_status and waits until it reads 0 (§4.1.4.3.2).
     *
     * @param timeout how long the device may take
     * @throws VirtioDriverException.ResetTimeout if the status does not clear in time
     */
    void reset(Duration timeout) {
        write(DEVICE_STATUS, 1, 0);
        long deadline = System.nanoTime() + timeout.toNanos();
        int status;
        while ((status = status()) != 0) {
            if (System.nanoTime() - deadline > 0) {
                throw new VirtioDriverException.ResetTimeout(status);
            }
            Thread.onSpinWait();
        }
    }

    /** @return the 64 offered feature bits, word 0 then word 1 */
    long deviceFeatures() {
        write(DEVICE_FEATURE_SELECT, 4, 0);
        long low = read(DEVICE_FEATURE, 4);
        write(DEVICE_FEATURE_SELECT, 4, 1);
        long high = read(DEVICE_FEATURE, 4);
        return high << 32 | low;
    }

    /** Writes the 64 accepted feature bits, word 0 then word 1. */
    void driverFeatures(long accepted) {
        write(DRIVER_FEATURE_SELECT, 4, 0);
        write(DRIVER_FEATURE, 4, accepted & 0xffff_ffffL);
        write(DRIVER_FEATURE_SELECT, 4, 1);
        write(DRIVER_FEATURE, 4, accepted >>> 32);
    }

    /**
     * Maps an MSI-X vector (config_msix_vector or queue_msix_vector).
     *
     * @param offset the register
     * @param vector the vector
     * @param what names the register in the error
     * @throws VirtioDriverException.MsixVectorRejected if it reads back otherwise (virtio 1.2
     *     §4.1.5.1.2: the device reports a failed mapping by reading back NO_VECTOR)
     */
    void mapVector(int offset, int vector, String what) {
        write(offset, 2, vector);
        if (read(offset, 2) != vector) {
            throw new VirtioDriverException.MsixVectorRejected(what, vector);
        }
    }
}
