package io.emuhost.api.virtio;

import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The device side of a virtio device (virtio 1.2 §2), independent of any transport. The transport
 * owns status, feature negotiation, queue registers and interrupts, and calls the device:
 *
 * <ol>
 *   <li>{@link #driverFeatures} when the driver sets FEATURES_OK with features the device offered;</li>
 *   <li>{@link #activate} when the driver sets DRIVER_OK (virtio 1.2 §3.1.1: the device consumes no
 *       buffers before);</li>
 *   <li>{@link #queueNotify} on every available-buffer notification while active;</li>
 *   <li>{@link #reset} when the driver writes 0 to the status, or the function is unplugged.</li>
 * </ol>
 * Config reads may come at any time, concurrently with the calls above.
 *
 * <p>Live upgrade: to hand an active device over to another version of its bundle, the transport
 * calls {@link #quiesce} and {@link #saveState}; the other version's device gets
 * {@link #restoreState}, {@link #driverFeatures} and {@link #activate} with queues that continue
 * where the old ones stopped — never {@link #reset}.
 */
@ConsumerType
public interface VirtioDevice {

    /**
     * The virtio device ID (virtio 1.2 §5), e.g. 27 for a PMEM device.
     *
     * @return the device ID
     */
    int deviceId();

    /**
     * The device-specific feature bits the device offers (bits 0..23 and 50..127 are device
     * specific; the transport adds the ring and version bits it implements).
     *
     * @return the offered device features
     */
    long deviceFeatures();

    /**
     * The number of bytes of device configuration space.
     *
     * @return the config size
     */
    int configSize();

    /**
     * Reads device configuration space (little-endian fields).
     *
     * @param offset byte offset, {@code offset + size <= configSize()}
     * @param size 1, 2, 4 or 8
     * @return the value, zero-extended
     */
    long readConfig(int offset, int size);

    /**
     * Writes device configuration space; read-only fields ignore writes.
     *
     * @param offset byte offset, {@code offset + size <= configSize()}
     * @param size 1, 2, 4 or 8
     * @param value the value
     */
    void writeConfig(int offset, int size, long value);

    /**
     * The number of virtqueues.
     *
     * @return the queue count
     */
    int queueCount();

    /**
     * The maximum size of one queue.
     *
     * @param index queue index
     * @return the maximum number of descriptors, a power of two
     */
    int queueMaxSize(int index);

    /**
     * The device's shared memory regions (virtio 1.2 §2.10), announced by the transport.
     *
     * @return the regions, possibly empty
     */
    List<SharedMemoryRegion> sharedMemoryRegions();

    /**
     * The features the driver accepted (a subset of what was offered, transport bits included).
     * Called when FEATURES_OK is accepted; cleared by {@link #reset}.
     *
     * @param features the negotiated features
     */
    void driverFeatures(long features);

    /**
     * Starts the device: from now on it may consume buffers and send notifications.
     *
     * @param context memory, queues and interrupts, all together
     */
    void activate(ActivationContext context);

    /**
     * The driver made buffers available on a queue. Called on the notifying thread, which the
     * device should not keep longer than needed to take the buffers off the queue.
     *
     * @param queueIndex the queue
     */
    void queueNotify(int queueIndex);

    /**
     * Returns the device to its initial state. When it returns, the device no longer touches
     * the queues or guest memory of the previous activation and sends no notifications for it;
     * work already started (an fsync) may finish, but its completions are dropped.
     */
    void reset();

    /**
     * Stops taking buffers for a hand-over, or before the function leaves the bus (hot-unplug,
     * then followed by {@link #reset}): answers every buffer already taken from the queues (and
     * may take and answer what is available), then takes no more and sends no notification; the
     * queues stay as the driver set them. No notification arrives while this runs.
     *
     * @return true if the device is quiet; false if it cannot be handed over (the default), and
     *     then it is unchanged
     * @since 1.2
     */
    default boolean quiesce() {
        return false;
    }

    /**
     * Saves the device's own guest-visible state after {@link #quiesce}, under field names
     * prefixed with the device's name. Configuration space derived from the properties need not
     * be saved.
     *
     * @param state where the fields go
     * @since 1.2
     */
    default void saveState(DeviceState.Builder state) {
    }

    /**
     * Takes over what {@link #saveState} saved, before the transport restores the queues.
     *
     * @param state the saved state
     * @throws StateException if the state cannot be restored
     * @since 1.2
     */
    default void restoreState(DeviceState state) throws StateException {
    }
}
