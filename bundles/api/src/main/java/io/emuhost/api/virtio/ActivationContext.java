package io.emuhost.api.virtio;

import io.emuhost.api.memory.GuestMemory;
import java.util.List;

/**
 * Everything an active device uses, delivered at once by {@link VirtioDevice#activate}.
 *
 * @param memory guest memory for buffer access
 * @param queues the enabled queues, by index
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
     * Whether a feature bit was negotiated.
     *
     * @param bit the feature bit number
     * @return true if negotiated
     */
    public boolean hasFeature(int bit) {
        return (features & (1L << bit)) != 0;
    }
}
