package io.emuhost.api.virtio;

import io.emuhost.api.memory.GuestMemory;
import java.util.List;

/**
 * Everything an active device uses, delivered at once by {@link VirtioDevice#activate}.
 *
 * @param memory guest memory for buffer access
 * @param queues the queues the driver enabled, in index order ({@link VirtQueue#index()}); a queue the
 *     driver left disabled is not among them
 * @param interrupt how the device notifies the driver
 * @param features the negotiated features
 */
public record ActivationContext(GuestMemory memory, List<VirtQueue> queues, VirtioInterrupt interrupt, long features) {

    /**
     * Copies the queue list so the record stays immutable.
     *
     * @param memory guest memory
     * @param queues queues
     * @param interrupt interrupt
     * @param features features
     */
    public ActivationContext {
        queues = List.copyOf(queues);
    }

    /**
     * The enabled queue with an index.
     *
     * @param index the queue index
     * @return the queue, or null if the driver did not enable it
     * @since 2.1
     */
    public VirtQueue queue(int index) {
        for (VirtQueue queue : queues) {
            if (queue.index() == index) {
                return queue;
            }
        }
        return null;
    }

    /**
     * Whether a feature bit was negotiated.
     *
     * @param bit the feature bit number
     * @return true if negotiated
     */
    public boolean hasFeature(int bit) {
        return (features & (1L << bit)) != 0;
    }
}
