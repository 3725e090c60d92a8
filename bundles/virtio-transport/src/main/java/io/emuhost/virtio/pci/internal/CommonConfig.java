package io.emuhost.virtio.pci.internal;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.api.virtio.VirtioDevice;
import io.emuhost.api.virtio.VirtioIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common configuration structure (virtio 1.2 §4.1.4.3): register decode. Registers are
 * decoded by offset whatever the access size, as QEMU does; unknown offsets read 0 and ignore
 * writes. Every access holds this object's lock, which also guards the parts it delegates to:
 * the feature registers ({@link FeatureRegisters}), the device status state machine
 * ({@link StatusMachine}), bringing the device up and down ({@link QueueActivation}) and save
 * and restore for a hand-over ({@link CommonConfigState}).
 *
 * <pre>
 * 0x00 device_feature_select  0x04 device_feature  0x08 driver_feature_select  0x0c driver_feature
 * 0x10 config_msix_vector     0x12 num_queues      0x14 device_status          0x15 config_generation
 * 0x16 queue_select           0x18 queue_size      0x1a queue_msix_vector      0x1c queue_enable
 * 0x1e queue_notify_off       0x20 queue_desc      0x28 queue_driver           0x30 queue_device
 * 0x38 queue_notify_data      0x3a queue_reset
 * </pre>
 */
final class CommonConfig {

    static final int DEVICE_FEATURE_SELECT = 0x00;
    static final int DEVICE_FEATURE = 0x04;
    static final int DRIVER_FEATURE_SELECT = 0x08;
    static final int DRIVER_FEATURE = 0x0c;
    static final int CONFIG_MSIX_VECTOR = 0x10;
    static final int NUM_QUEUES = 0x12;
    static final int DEVICE_STATUS = 0x14;
    static final int CONFIG_GENERATION = 0x15;
    static final int QUEUE_SELECT = 0x16;
    static final int QUEUE_SIZE = 0x18;
    static final int QUEUE_MSIX_VECTOR = 0x1a;
    static final int QUEUE_ENABLE = 0x1c;
    static final int QUEUE_NOTIFY_OFF = 0x1e;
    static final int QUEUE_DESC_LO = 0x20;
    static final int QUEUE_DESC_HI = 0x24;
    static final int QUEUE_DRIVER_LO = 0x28;
    static final int QUEUE_DRIVER_HI = 0x2c;
    static final int QUEUE_DEVICE_LO = 0x30;
    static final int QUEUE_DEVICE_HI = 0x34;
    static final int QUEUE_NOTIFY_DATA = 0x38;
    static final int QUEUE_RESET = 0x3a;

    /** QEMU's VIRTIO_QUEUE_MAX: larger queue_select values are ignored. */
    static final int QUEUE_SELECT_LIMIT = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(CommonConfig.class);

    private final DeviceStatus status;
    private final VirtioPciInterrupt interrupt;
    private final QueueRegisters[] queues;
    private final FeatureRegisters features;
    private final QueueActivation activation;
    private final StatusMachine statusMachine;
    private final CommonConfigState saved;
    private int queueSelect;

    CommonConfig(VirtioDevice device, long offeredFeatures, DeviceStatus status, VirtioPciInterrupt interrupt,
            QueueRegisters[] queues) {
        this.status = status;
        this.interrupt = interrupt;
        this.queues = queues;
        this.features = new FeatureRegisters(offeredFeatures);
        this.activation = new QueueActivation(device, features, status, interrupt, queues);
        this.statusMachine = new StatusMachine(status, features, activation, queues, interrupt, device);
        this.saved = new CommonConfigState(device, features, status, activation, queues);
    }

    /** Plugged: guest memory is there; a restored active device resumes now. */
    synchronized void connect(GuestMemory guestMemory) {
        activation.connect(guestMemory);
    }

    /**
     * Stops the device for a hand-over (VirtioDevice#quiesce); the registers stay. No
     * notification arrives meanwhile (the caller holds the guest's accesses).
     *
     * @return false if the device cannot be quiesced; then nothing changed
     */
    synchronized boolean quiesce() {
        return activation.quiesce();
    }

    /**
     * Before the function leaves the bus: an active device answers what the driver made
     * available ({@link VirtioDevice#quiesce}), while interrupts are still connected.
     */
    synchronized void quiesceBeforeUnplug() {
        if (activation.active()) {
            activation.quiesce();
        }
    }

    /** Leaves the bus after a hand-over: no reset, the device was quiesced. */
    synchronized void detach() {
        activation.disconnect();
    }

    /** Saves the registers and the positions of the attached rings, after {@link #quiesce()}. */
    synchronized void save(DeviceState.Builder state) {
        saved.save(state, queueSelect);
    }

    /**
     * Takes over saved registers, before the function is plugged: the device gets the
     * negotiated features now, and its activation with the rings at their saved positions when
     * guest memory is connected.
     */
    synchronized void restore(DeviceState state) throws StateException {
        queueSelect = saved.restore(state, QUEUE_SELECT_LIMIT);
    }

    /** The function leaves the bus: the device stops, the queues are dropped. */
    synchronized void disconnect() {
        reset();
        activation.disconnect();
    }

    /**
     * Bringing the device up and down; the notify region calls its
     * {@link QueueActivation#notifyQueue} directly, without this object's lock.
     */
    QueueActivation activation() {
        return activation;
    }

    synchronized long read(int offset) {
        QueueRegisters queue = selectedQueue();
        return switch (offset) {
            case DEVICE_FEATURE_SELECT -> features.deviceSelect;
            case DEVICE_FEATURE -> features.deviceWord();
            case DRIVER_FEATURE_SELECT -> features.driverSelect;
            case DRIVER_FEATURE -> features.driverWord();
            case CONFIG_MSIX_VECTOR -> interrupt.configVector();
            case NUM_QUEUES -> queues.length;
            case DEVICE_STATUS -> status.get();
            case CONFIG_GENERATION -> status.generation();
            case QUEUE_SELECT -> queueSelect;
            case QUEUE_SIZE -> queue == null ? 0 : queue.size;
            case QUEUE_MSIX_VECTOR -> queue == null ? VirtioPciInterrupt.NO_VECTOR : queue.msixVector;
            case QUEUE_ENABLE -> queue != null && queue.enabled ? 1 : 0;
            case QUEUE_NOTIFY_OFF -> queueSelect;
            case QUEUE_DESC_LO -> queue == null ? 0 : queue.desc & 0xffff_ffffL;
            case QUEUE_DESC_HI -> queue == null ? 0 : queue.desc >>> 32;
            case QUEUE_DRIVER_LO -> queue == null ? 0 : queue.driver & 0xffff_ffffL;
            case QUEUE_DRIVER_HI -> queue == null ? 0 : queue.driver >>> 32;
            case QUEUE_DEVICE_LO -> queue == null ? 0 : queue.device & 0xffff_ffffL;
            case QUEUE_DEVICE_HI -> queue == null ? 0 : queue.device >>> 32;
            default -> 0; // queue_notify_data, queue_reset (a reset completes at once) and holes
        };
    }

    synchronized void write(int offset, long value) {
        int word = (int) value;
        switch (offset) {
            case DEVICE_FEATURE_SELECT -> features.deviceSelect = word;
            case DRIVER_FEATURE_SELECT -> features.driverSelect = word;
            case DRIVER_FEATURE -> features.writeDriverWord(word, status.has(VirtioIds.STATUS_FEATURES_OK));
            case CONFIG_MSIX_VECTOR -> interrupt.setConfigVector(word & 0xffff);
            case DEVICE_STATUS -> writeStatus(word & 0xff);
            case QUEUE_SELECT -> writeQueueSelect(word & 0xffff);
            default -> writeQueueField(offset, word);
        }
    }

    private void writeStatus(int value) {
        if (value == 0) {
            reset();
        } else {
            statusMachine.write(value);
        }
    }

    /** Device reset (§2.1.1), queue_select included. */
    private void reset() {
        statusMachine.reset();
        queueSelect = 0;
    }

    private void writeQueueField(int offset, int word) {
        QueueRegisters queue = selectedQueue();
        if (queue == null) {
            return;
        }
        switch (offset) {
            case QUEUE_SIZE -> writeQueueSize(queue, word & 0xffff);
            case QUEUE_MSIX_VECTOR -> queue.msixVector = interrupt.mapVector(word & 0xffff);
            case QUEUE_ENABLE -> writeQueueEnable(queue, word & 0xffff);
            case QUEUE_RESET -> writeQueueReset(queue, word & 0xffff);
            default -> writeQueueAddress(queue, offset, word);
        }
    }

    private void writeQueueSelect(int value) {
        if (value < QUEUE_SELECT_LIMIT) {
            queueSelect = value;
        }
    }

    private void writeQueueSize(QueueRegisters queue, int value) {
        // virtio 1.2 §4.1.4.3.2: a power of 2 for split rings; at most the maximum the device reported
        if (!queue.enabled && Integer.bitCount(value) == 1 && value <= queue.maxSize) {
            queue.size = value;
        } else {
            LOG.debug("queue {}: queue_size {} ignored", queue.index, value);
        }
    }

    private void writeQueueEnable(QueueRegisters queue, int value) {
        // virtio 1.2 §4.1.4.3.2: the driver never writes 0
        if (value != 1 || queue.enabled) {
            return;
        }
        queue.enabled = true;
        if (status.isDriverOk()) {
            // re-enabled after queue_reset (§2.6.1.2)
            activation.attachReenabled(queue);
        }
    }

    private void writeQueueReset(QueueRegisters queue, int value) {
        // virtio 1.2 §4.1.4.3.1: queue_reset exists only with VIRTIO_F_RING_RESET
        if (value == 1 && (features.negotiated & 1L << VirtioIds.F_RING_RESET) != 0) {
            queue.reset();
        }
    }

    private void writeQueueAddress(QueueRegisters queue, int offset, int word) {
        if (queue.enabled) {
            return; // virtio 1.2 §4.1.4.3.2: configured before queue_enable
        }
        long low = Integer.toUnsignedLong(word);
        long high = low << 32;
        switch (offset) {
            case QUEUE_DESC_LO -> queue.desc = queue.desc & ~0xffff_ffffL | low;
            case QUEUE_DESC_HI -> queue.desc = queue.desc & 0xffff_ffffL | high;
            case QUEUE_DRIVER_LO -> queue.driver = queue.driver & ~0xffff_ffffL | low;
            case QUEUE_DRIVER_HI -> queue.driver = queue.driver & 0xffff_ffffL | high;
            case QUEUE_DEVICE_LO -> queue.device = queue.device & ~0xffff_ffffL | low;
            case QUEUE_DEVICE_HI -> queue.device = queue.device & 0xffff_ffffL | high;
            default -> {
                // read-only fields and holes
            }
        }
    }

    private QueueRegisters selectedQueue() {
        return queueSelect < queues.length ? queues[queueSelect] : null;
    }
}
