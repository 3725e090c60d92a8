package io.emuhost.virtio.pci.internal;

import io.emuhost.api.virtio.VirtioDevice;
import io.emuhost.api.virtio.VirtioIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feature registers of the common configuration (virtio 1.2 §4.1.4.3: device_feature_select,
 * device_feature, driver_feature_select, driver_feature) and feature negotiation (§2.2, §3.1.1):
 * the driver's bits are taken at FEATURES_OK if the device offered them all. Guarded by the
 * common configuration's lock.
 */
final class FeatureRegisters {

    private static final Logger LOG = LoggerFactory.getLogger(FeatureRegisters.class);

    /** What the device and the transport offer. */
    final long offered;
    int deviceSelect;
    int driverSelect;
    /** What the driver wrote so far. */
    long driver;
    /** What was accepted at FEATURES_OK; 0 before. */
    long negotiated;

    FeatureRegisters(long offered) {
        this.offered = offered;
    }

    /** @return device_feature: the offered word that device_feature_select selects */
    long deviceWord() {
        return word(offered, deviceSelect);
    }

    /** @return driver_feature: the written word that driver_feature_select selects */
    long driverWord() {
        return word(driver, driverSelect);
    }

    /**
     * Writes driver_feature.
     *
     * @param word the 32 bits for the selected word
     * @param featuresOk whether FEATURES_OK is set
     */
    void writeDriverWord(int word, boolean featuresOk) {
        // virtio 1.2 §3.1.1: features are fixed once FEATURES_OK is set
        if (featuresOk || driverSelect > 1) {
            return;
        }
        int shift = 32 * driverSelect;
        driver = driver & ~(0xffff_ffffL << shift) | Integer.toUnsignedLong(word) << shift;
    }

    /**
     * Accepts the driver's features at FEATURES_OK (§2.2.1): only offered bits, and VERSION_1 for
     * a modern device (§6.1); the device is told what was negotiated.
     *
     * @param device the device
     * @return false if refused: FEATURES_OK stays clear and nothing changed
     */
    boolean accept(VirtioDevice device) {
        long unoffered = driver & ~offered;
        if (unoffered != 0 || (driver & 1L << VirtioIds.F_VERSION_1) == 0) {
            LOG.debug("FEATURES_OK refused: driver features 0x{} (not offered 0x{}), offered 0x{}",
                    Long.toHexString(driver), Long.toHexString(unoffered), Long.toHexString(offered));
            return false;
        }
        negotiated = driver;
        device.driverFeatures(negotiated);
        return true;
    }

    /** Device reset (§2.1.1): every register back to 0. */
    void reset() {
        deviceSelect = 0;
        driverSelect = 0;
        driver = 0;
        negotiated = 0;
    }

    private static long word(long features, int select) {
        return select == 0 ? features & 0xffff_ffffL : select == 1 ? features >>> 32 : 0;
    }
}
