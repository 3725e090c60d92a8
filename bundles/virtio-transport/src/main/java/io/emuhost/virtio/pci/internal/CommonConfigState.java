package io.emuhost.virtio.pci.internal;

import static io.emuhost.api.virtio.VirtioIds.STATUS_FEATURES_OK;

import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.api.virtio.VirtioDevice;
import io.emuhost.virtio.split.internal.RingPosition;

/**
 * Save and restore of the common configuration for a live hand-over: every register, each
 * queue's fields and attached ring position, and whether the device was live. A restore checks
 * that the saved device offered the same features and queues. Guarded by the common
 * configuration's lock.
 */
final class CommonConfigState {

    private static final String STATE = "virtio-pci.";
    private static final String OFFERED_FEATURES = STATE + "offered-features";
    private static final String QUEUE_COUNT = STATE + "queue-count";
    private static final String STATUS = STATE + "status";
    private static final String GENERATION = STATE + "config-generation";
    private static final String ACTIVE = STATE + "active";
    private static final String DEVICE_FEATURE_SELECT = STATE + "device-feature-select";
    private static final String DRIVER_FEATURE_SELECT = STATE + "driver-feature-select";
    private static final String DRIVER_FEATURES = STATE + "driver-features";
    private static final String NEGOTIATED_FEATURES = STATE + "negotiated-features";
    private static final String QUEUE_SELECT = STATE + "queue-select";

    private final VirtioDevice device;
    private final FeatureRegisters features;
    private final DeviceStatus status;
    private final QueueActivation activation;
    private final QueueRegisters[] queues;

    CommonConfigState(VirtioDevice device, FeatureRegisters features, DeviceStatus status,
            QueueActivation activation, QueueRegisters[] queues) {
        this.device = device;
        this.features = features;
        this.status = status;
        this.activation = activation;
        this.queues = queues;
    }

    /**
     * Saves the registers and the positions of the attached rings, after a quiesce.
     *
     * @param state where it goes
     * @param queueSelect queue_select
     */
    void save(DeviceState.Builder state, int queueSelect) {
        state.put(OFFERED_FEATURES, features.offered);
        state.put(QUEUE_COUNT, queues.length);
        state.put(STATUS, status.get());
        state.put(GENERATION, status.generation());
        state.put(ACTIVE, activation.live());
        state.put(DEVICE_FEATURE_SELECT, Integer.toUnsignedLong(features.deviceSelect));
        state.put(DRIVER_FEATURE_SELECT, Integer.toUnsignedLong(features.driverSelect));
        state.put(DRIVER_FEATURES, features.driver);
        state.put(NEGOTIATED_FEATURES, features.negotiated);
        state.put(QUEUE_SELECT, queueSelect);
        for (QueueRegisters queue : queues) {
            queue.save(state, queue.queue.position());
        }
    }

    /**
     * Takes over saved registers, before the function is plugged: the device gets the
     * negotiated features now, and its activation with the rings at their saved positions when
     * guest memory is connected.
     *
     * @param state the saved state
     * @param queueSelectLimit one more than the largest queue_select
     * @return the saved queue_select
     * @throws StateException if the saved device differs or a field is missing or out of range
     */
    int restore(DeviceState state, int queueSelectLimit) throws StateException {
        long savedFeatures = state.longValue(OFFERED_FEATURES);
        if (savedFeatures != features.offered) {
            throw new StateException.Incompatible(String.format("offered features 0x%x, saved 0x%x",
                    features.offered, savedFeatures));
        }
        long savedQueues = state.longValue(QUEUE_COUNT);
        if (savedQueues != queues.length) {
            throw new StateException.Incompatible(queues.length + " queues, saved " + savedQueues);
        }
        int savedStatus = (int) state.longValue(STATUS, 0, 0xff);
        int generation = (int) state.longValue(GENERATION, 0, 0xff);
        boolean wasActive = state.bool(ACTIVE);
        features.deviceSelect = (int) state.longValue(DEVICE_FEATURE_SELECT, 0, 0xffff_ffffL);
        features.driverSelect = (int) state.longValue(DRIVER_FEATURE_SELECT, 0, 0xffff_ffffL);
        features.driver = state.longValue(DRIVER_FEATURES);
        features.negotiated = state.longValue(NEGOTIATED_FEATURES);
        int queueSelect = (int) state.longValue(QUEUE_SELECT, 0, queueSelectLimit - 1);
        RingPosition[] positions = new RingPosition[queues.length];
        for (QueueRegisters queue : queues) {
            positions[queue.index] = queue.restore(state);
        }
        // virtio 1.2 §2.2.1: features are accepted only if offered, and stay fixed after FEATURES_OK
        if ((features.negotiated & ~features.offered) != 0) {
            throw new StateException.Incompatible(String.format("negotiated features 0x%x were not offered",
                    features.negotiated));
        }
        status.restore(savedStatus, generation);
        if ((savedStatus & STATUS_FEATURES_OK) != 0) {
            device.driverFeatures(features.negotiated);
        }
        activation.resumeWhenConnected(wasActive ? positions : null);
        return queueSelect;
    }
}
