package io.emuhost.testkit.driver;

/**
 * A device driver's chance to drop features before FEATURES_OK, like Linux's
 * {@code virtio_driver.validate} (e.g. virtio_pmem clears VIRTIO_PMEM_F_SHMEM_REGION when shared
 * memory region 0 is missing).
 */
@FunctionalInterface
public interface FeatureValidator {

    /** Accepts the features as they are. */
    FeatureValidator NONE = (layout, features) -> features;

    /**
     * Adjusts the features the driver is about to accept.
     *
     * @param layout the function's virtio structures
     * @param features the features offered by the device and supported by the driver
     * @return the features to write (a subset)
     */
    long validate(VirtioPciLayout layout, long features);
}
