package io.emuhost.virtio.pci.internal;

import static io.emuhost.api.virtio.VirtioIds.STATUS_DRIVER_OK;
import static io.emuhost.api.virtio.VirtioIds.STATUS_FEATURES_OK;

import io.emuhost.api.virtio.VirtioDevice;

/**
 * The device status state machine (virtio 1.2 §2.1, §3.1.1): the driver sets bits in order,
 * FEATURES_OK sticks only if the features are accepted, DRIVER_OK only after FEATURES_OK and
 * activates the device, and writing 0 resets device and transport. Guarded by the common
 * configuration's lock.
 */
final class StatusMachine {

    private final DeviceStatus status;
    private final FeatureRegisters features;
    private final QueueActivation activation;
    private final QueueRegisters[] queues;
    private final VirtioPciInterrupt interrupt;
    private final VirtioDevice device;

    StatusMachine(DeviceStatus status, FeatureRegisters features, QueueActivation activation,
            QueueRegisters[] queues, VirtioPciInterrupt interrupt, VirtioDevice device) {
        this.status = status;
        this.features = features;
        this.activation = activation;
        this.queues = queues;
        this.interrupt = interrupt;
        this.device = device;
    }

    /**
     * A driver write of device_status other than 0 (which is {@link #reset()}).
     *
     * @param value the 8 status bits written
     */
    void write(int value) {
        int old = status.get();
        int next = value;
        if ((next & STATUS_FEATURES_OK) != 0 && (old & STATUS_FEATURES_OK) == 0 && !features.accept(device)) {
            next &= ~STATUS_FEATURES_OK;
        }
        boolean featuresOk = ((old | next) & STATUS_FEATURES_OK) != 0;
        if ((next & STATUS_DRIVER_OK) != 0 && (old & STATUS_DRIVER_OK) == 0) {
            if (featuresOk && activation.connected()) {
                activation.activate();
            } else {
                // virtio 1.2 §3.1.1: DRIVER_OK only after FEATURES_OK
                next &= ~STATUS_DRIVER_OK;
            }
        }
        status.add(next);
    }

    /**
     * Device reset (§2.1.1): the device first, then every transport register but
     * config_generation (the caller resets queue_select).
     */
    void reset() {
        activation.stop();
        status.clear();
        features.reset();
        for (QueueRegisters queue : queues) {
            queue.reset();
        }
        interrupt.reset();
    }
}
