package io.emuhost.virtio.pci.internal;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.virtio.ActivationContext;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.api.virtio.VirtioDevice;
import io.emuhost.virtio.split.internal.RingPosition;
import java.util.ArrayList;
import java.util.List;

/**
 * Bringing the device up and down: at DRIVER_OK the enabled queues get split rings in guest
 * memory and the device is activated with exactly those queues (§3.1.1 step 8); after a
 * hand-over the rings resume at their saved positions once guest memory is connected. Guarded by
 * the common configuration's lock, except {@link #notifyQueue}, which the notify region of the
 * modern BAR calls without it.
 */
final class QueueActivation {

    private final VirtioDevice device;
    private final FeatureRegisters features;
    private final DeviceStatus status;
    private final VirtioPciInterrupt interrupt;
    private final QueueRegisters[] queues;
    /** The queues of the current activation: those enabled at DRIVER_OK. */
    private List<VirtQueue> activated = List.of();
    private volatile boolean active;
    private GuestMemory memory;
    /** Restored rings waiting for guest memory: the activation continues when the slot connects. */
    private RingPosition[] resumeAt;

    QueueActivation(VirtioDevice device, FeatureRegisters features, DeviceStatus status,
            VirtioPciInterrupt interrupt, QueueRegisters[] queues) {
        this.device = device;
        this.features = features;
        this.status = status;
        this.interrupt = interrupt;
        this.queues = queues;
    }

    /** Plugged: guest memory is there; a restored active device resumes now. */
    void connect(GuestMemory guestMemory) {
        memory = guestMemory;
        if (resumeAt != null) {
            resume(resumeAt);
            resumeAt = null;
        }
    }

    /** @return whether guest memory is there to put rings in */
    boolean connected() {
        return memory != null;
    }

    /** Off the bus: no guest memory any more (after a reset, or a quiesce for a hand-over). */
    void disconnect() {
        memory = null;
    }

    /** At DRIVER_OK, with guest memory connected: attaches the enabled rings, activates the device. */
    void activate() {
        List<VirtQueue> enabled = new ArrayList<>();
        for (QueueRegisters queue : queues) {
            if (queue.enabled) {
                attach(queue);
                enabled.add(queue.queue);
            }
        }
        start(enabled);
    }

    /**
     * A queue enabled again after queue_reset while the device is live (§2.6.1.2): the device
     * finds the new ring in the queue it was activated with. A queue the driver did not enable
     * before DRIVER_OK is not the device's, and stays detached.
     */
    void attachReenabled(QueueRegisters queue) {
        if (activated.contains(queue.queue)) {
            attach(queue);
        }
    }

    /**
     * Stops the device for a hand-over ({@link VirtioDevice#quiesce}); the registers stay.
     *
     * @return false if the device cannot be quiesced; then nothing changed
     */
    boolean quiesce() {
        if (!device.quiesce()) {
            return false;
        }
        active = false;
        return true;
    }

    /** @return whether the device was activated and is neither quiesced nor reset since */
    boolean active() {
        return active;
    }

    /** Device reset (§2.1.1): the device stops before any register changes. */
    void stop() {
        active = false;
        device.reset();
    }

    /** @return whether the device was live, for a hand-over: activated, or waiting to resume */
    boolean live() {
        return resumeAt != null || status.isDriverOk() && memory != null;
    }

    /**
     * After a restore: resume the rings at these positions once guest memory is connected.
     *
     * @param positions by queue index, null for a detached ring; null if the device was not live
     */
    void resumeWhenConnected(RingPosition[] positions) {
        resumeAt = positions;
    }

    /**
     * An available-buffer notification for a queue (§4.1.5.2). Ignored unless the device is
     * live and the queue enabled, and while DEVICE_NEEDS_RESET is set. Takes no lock.
     */
    void notifyQueue(int index) {
        if (active && index < queues.length && queues[index].queue.isAttached() && !status.needsReset()) {
            device.queueNotify(index);
        }
    }

    /** Attaches the enabled rings at their saved positions and activates the device again. */
    private void resume(RingPosition[] positions) {
        List<VirtQueue> attached = new ArrayList<>();
        for (QueueRegisters queue : queues) {
            if (queue.enabled && positions[queue.index] != null) {
                attach(queue);
                queue.queue.resume(positions[queue.index]);
                attached.add(queue.queue);
            }
        }
        start(attached);
    }

    private void start(List<VirtQueue> enabled) {
        activated = List.copyOf(enabled);
        device.activate(new ActivationContext(memory, activated, interrupt, features.negotiated));
        active = true;
    }

    private void attach(QueueRegisters queue) {
        queue.queue.attach(memory, queue.size, queue.desc, queue.driver, queue.device, features.negotiated);
    }
}
