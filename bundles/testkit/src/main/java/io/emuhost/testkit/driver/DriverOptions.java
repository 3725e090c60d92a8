package io.emuhost.testkit.driver;

import io.emuhost.api.virtio.VirtioIds;
import java.time.Duration;

/**
 * What the virtio-pci driver looks for and how it sets the device up.
 *
 * @param vendorId PCI vendor ID to match
 * @param deviceId PCI device ID to match
 * @param instance which match on bus 0 to drive, in slot order (0 = first)
 * @param configMechanism how configuration space is reached
 * @param features the feature bits the driver supports; it accepts those the device offers
 * @param msix use MSI-X when the function has enough vectors (one for config, one per queue);
 *     otherwise INTx with the ISR
 * @param queues how many queues to set up (0..queues-1)
 * @param maxQueueSize the most descriptors per queue; 0 takes the device's maximum
 * @param scratchBase guest-RAM address of the area for rings and request buffers
 * @param scratchSize size of that area
 * @param timeout how long to wait for a reset or a used buffer
 */
public record DriverOptions(int vendorId, int deviceId, int instance, ConfigMechanism configMechanism,
        long features, boolean msix, int queues, int maxQueueSize, long scratchBase, long scratchSize,
        Duration timeout) {

    /** VERSION_1, INDIRECT_DESC and EVENT_IDX: the ring features Linux accepts. */
    public static final long DEFAULT_FEATURES =
            1L << VirtioIds.F_VERSION_1 | 1L << VirtioIds.F_INDIRECT_DESC | 1L << VirtioIds.F_EVENT_IDX;

    /** The default wait limit. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * Options with the defaults: first match, port I/O, {@link #DEFAULT_FEATURES}, MSI-X, one
     * queue of the device's maximum size, {@link #DEFAULT_TIMEOUT}.
     *
     * @param vendorId PCI vendor ID
     * @param deviceId PCI device ID
     * @param scratchBase guest-RAM scratch area address
     * @param scratchSize guest-RAM scratch area size
     * @return the options
     */
    public static DriverOptions of(int vendorId, int deviceId, long scratchBase, long scratchSize) {
        return new DriverOptions(vendorId, deviceId, 0, ConfigMechanism.PORT_IO, DEFAULT_FEATURES, true, 1, 0,
                scratchBase, scratchSize, DEFAULT_TIMEOUT);
    }

    /**
     * Another match.
     *
     * @param value which match (0 = first)
     * @return new options
     */
    public DriverOptions withInstance(int value) {
        return new DriverOptions(vendorId, deviceId, value, configMechanism, features, msix, queues, maxQueueSize,
                scratchBase, scratchSize, timeout);
    }

    /**
     * Another configuration mechanism.
     *
     * @param value the mechanism
     * @return new options
     */
    public DriverOptions withConfigMechanism(ConfigMechanism value) {
        return new DriverOptions(vendorId, deviceId, instance, value, features, msix, queues, maxQueueSize,
                scratchBase, scratchSize, timeout);
    }

    /**
     * Replaces the supported features.
     *
     * @param value the feature bits
     * @return new options
     */
    public DriverOptions withFeatures(long value) {
        return new DriverOptions(vendorId, deviceId, instance, configMechanism, value, msix, queues, maxQueueSize,
                scratchBase, scratchSize, timeout);
    }

    /**
     * Adds device-specific feature bits to the supported features.
     *
     * @param bits the feature bits
     * @return new options
     */
    public DriverOptions withDeviceFeatures(long bits) {
        return withFeatures(features | bits);
    }

    /**
     * Chooses MSI-X or INTx.
     *
     * @param value true to use MSI-X when the function has it
     * @return new options
     */
    public DriverOptions withMsix(boolean value) {
        return new DriverOptions(vendorId, deviceId, instance, configMechanism, features, value, queues, maxQueueSize,
                scratchBase, scratchSize, timeout);
    }

    /**
     * Sets the queue count and size limit.
     *
     * @param count queues to set up
     * @param maxSize most descriptors per queue, 0 for the device's maximum
     * @return new options
     */
    public DriverOptions withQueues(int count, int maxSize) {
        return new DriverOptions(vendorId, deviceId, instance, configMechanism, features, msix, count, maxSize,
                scratchBase, scratchSize, timeout);
    }

    /**
     * Sets the wait limit.
     *
     * @param value the limit
     * @return new options
     */
    public DriverOptions withTimeout(Duration value) {
        return new DriverOptions(vendorId, deviceId, instance, configMechanism, features, msix, queues, maxQueueSize,
                scratchBase, scratchSize, value);
    }
}
