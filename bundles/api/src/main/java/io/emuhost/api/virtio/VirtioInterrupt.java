package io.emuhost.api.virtio;

import org.osgi.annotation.versioning.ProviderType;

/** How a device tells its driver something happened; the transport picks MSI-X or INTx + ISR. */
@ProviderType
public interface VirtioInterrupt {

    /**
     * Sends a used-buffer notification for a queue unconditionally; prefer
     * {@link VirtQueue#notifyIfNeeded()}, which honours the driver's suppression.
     *
     * @param queueIndex the queue
     */
    void queue(int queueIndex);

    /** Sends a configuration change notification (virtio 1.2 §2.5). */
    void config();

    /**
     * The device hit an error it cannot recover from (a malformed request): sets
     * DEVICE_NEEDS_RESET and sends a configuration change notification (virtio 1.2 §2.1.2). The
     * device ignores its queues until the driver resets it.
     */
    void needsReset();
}
