package io.emuhost.virtio.pci.internal;

import static io.emuhost.api.virtio.VirtioIds.STATUS_DRIVER_OK;
import static io.emuhost.api.virtio.VirtioIds.STATUS_FEATURES_OK;

import io.emuhost.api.memory.GuestMemory;
import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.api.virtio.ActivationContext;
import io.emuhost.api.virtio.VirtQueue;
import io.emuhost.api.virtio.VirtioDevice;
import io.emuhost.api.virtio.VirtioIds;
import io.emuhost.virtio.split.internal.RingPosition;
import io.emuhost.virtio.split.internal.SplitVirtQueue;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The common configuration structure (virtio 1.2 §4.1.4.3) and the device status state machine
 * (§2.1, §3.1.1). Registers are decoded by offset whatever the access size, as QEMU does;
 * unknown offsets read 0 and ignore writes.
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
    private static final String STATE = "virtio-pci.";
    private static final String STATE_OFFERED_FEATURES = STATE + "offered-features";
    private static final String STATE_QUEUE_COUNT = STATE + "queue-count";
    private static final String STATE_STATUS = STATE + "status";
    private static final String STATE_GENERATION = STATE + "config-generation";
    private static final String STATE_ACTIVE = STATE + "active";
    private static final String STATE_DEVICE_FEATURE_SELECT = STATE + "device-feature-select";
    private static final String STATE_DRIVER_FEATURE_SELECT = STATE + "driver-feature-select";
    private static final String STATE_DRIVER_FEATURES = STATE + "driver-features";
    private static final String STATE_NEGOTIATED_FEATURES = STATE + "negotiated-features";
    private static final String STATE_QUEUE_SELECT = STATE + "queue-select";

    private final VirtioDevice device;
    private final long offeredFeatures;
    private final DeviceStatus status;
    private final VirtioPciInterrupt interrupt;
    private final QueueRegisters[] queues;
    private final List<VirtQueue> deviceQueues;
    private volatile boolean active;
    private GuestMemory memory;
    private int deviceFeatureSelect;
    private int driverFeatureSelect;
    private long driverFeatures;
    private long negotiatedFeatures;
    private int queueSelect;
    /** Restored rings waiting for guest memory: the activation continues when the slot connects. */
    private RingPosition[] resumeAt;

    CommonConfig(VirtioDevice device, long offeredFeatures, DeviceStatus status, VirtioPciInterrupt interrupt,
            QueueRegisters[] queues) {
        this.device = device;
        this.offeredFeatures = offeredFeatures;
        this.status = status;
        this.interrupt = interrupt;
        this.queues = queues;
        List<VirtQueue> all = new ArrayList<>(queues.length);
        for (QueueRegisters queue : queues) {
            all.add(queue.queue);
        }
        this.deviceQueues = List.copyOf(all);
    }

    /** Plugged: guest memory is there; a restored active device resumes now. */
    synchronized void connect(GuestMemory guestMemory) {
        memory = guestMemory;
        if (resumeAt != null) {
            resume(resumeAt);
            resumeAt = null;
        }
    }

    /**
     * Stops the device for a hand-over (VirtioDevice#quiesce); the registers stay. No
     * notification arrives meanwhile (the caller holds the guest's accesses).
     *
     * @return false if the device cannot be quiesced; then nothing changed
     */
    synchronized boolean quiesce() {
        if (!device.quiesce()) {
            return false;
        }
        active = false;
        return true;
    }

    /** Leaves the bus after a hand-over: no reset, the device was quiesced. */
    synchronized void detach() {
        memory = null;
    }

    /** Saves the registers and the positions of the attached rings, after {@link #quiesce()}. */
    synchronized void save(DeviceState.Builder state) {
        state.put(STATE_OFFERED_FEATURES, offeredFeatures);
        state.put(STATE_QUEUE_COUNT, queues.length);
        state.put(STATE_STATUS, status.get());
        state.put(STATE_GENERATION, status.generation());
        state.put(STATE_ACTIVE, resumeAt != null || status.isDriverOk() && memory != null);
        state.put(STATE_DEVICE_FEATURE_SELECT, Integer.toUnsignedLong(deviceFeatureSelect));
        state.put(STATE_DRIVER_FEATURE_SELECT, Integer.toUnsignedLong(driverFeatureSelect));
        state.put(STATE_DRIVER_FEATURES, driverFeatures);
        state.put(STATE_NEGOTIATED_FEATURES, negotiatedFeatures);
        state.put(STATE_QUEUE_SELECT, queueSelect);
        for (QueueRegisters queue : queues) {
            SplitVirtQueue ring = queue.queue.ring();
            queue.save(state, ring == null ? null : ring.position());
        }
    }

    /**
     * Takes over saved registers, before the function is plugged: the device gets the
     * negotiated features now, and its activation with the rings at their saved positions when
     * guest memory is connected.
     */
    synchronized void restore(DeviceState state) throws StateException {
        long savedFeatures = state.longValue(STATE_OFFERED_FEATURES);
        if (savedFeatures != offeredFeatures) {
            throw new StateException.Incompatible(String.format("offered features 0x%x, saved 0x%x",
                    offeredFeatures, savedFeatures));
        }
        long savedQueues = state.longValue(STATE_QUEUE_COUNT);
        if (savedQueues != queues.length) {
            throw new StateException.Incompatible(queues.length + " queues, saved " + savedQueues);
        }
        int savedStatus = (int) state.longValue(STATE_STATUS, 0, 0xff);
        int generation = (int) state.longValue(STATE_GENERATION, 0, 0xff);
        boolean wasActive = state.bool(STATE_ACTIVE);
        deviceFeatureSelect = (int) state.longValue(STATE_DEVICE_FEATURE_SELECT, 0, 0xffff_ffffL);
        driverFeatureSelect = (int) state.longValue(STATE_DRIVER_FEATURE_SELECT, 0, 0xffff_ffffL);
        driverFeatures = state.longValue(STATE_DRIVER_FEATURES);
        negotiatedFeatures = state.longValue(STATE_NEGOTIATED_FEATURES);
        queueSelect = (int) state.longValue(STATE_QUEUE_SELECT, 0, QUEUE_SELECT_LIMIT - 1);
        RingPosition[] positions = new RingPosition[queues.length];
        for (QueueRegisters queue : queues) {
            positions[queue.index] = queue.restore(state);
        }
        // virtio 1.2 §2.2.1: features are accepted only if offered, and stay fixed after FEATURES_OK
        if ((negotiatedFeatures & ~offeredFeatures) != 0) {
            throw new StateException.Incompatible(String.format("negotiated features 0x%x were not offered",
                    negotiatedFeatures));
        }
        status.restore(savedStatus, generation);
        if ((savedStatus & STATUS_FEATURES_OK) != 0) {
            device.driverFeatures(negotiatedFeatures);
        }
        resumeAt = wasActive ? positions : null;
    }

    /** Attaches the enabled rings at their saved positions and activates the device again. */
    private void resume(RingPosition[] positions) {
        for (QueueRegisters queue : queues) {
            if (queue.enabled && positions[queue.index] != null) {
                SplitVirtQueue ring = newRing(queue);
                ring.resume(positions[queue.index]);
                queue.queue.attach(ring);
            }
        }
        device.activate(new ActivationContext(memory, deviceQueues, interrupt, negotiatedFeatures));
        active = true;
    }

    /** The function leaves the bus: the device stops, the queues are dropped. */
    synchronized void disconnect() {
        reset();
        memory = null;
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

    synchronized long read(int offset) {
        QueueRegisters queue = selectedQueue();
        return switch (offset) {
            case DEVICE_FEATURE_SELECT -> deviceFeatureSelect;
            case DEVICE_FEATURE -> featureWord(offeredFeatures, deviceFeatureSelect);
            case DRIVER_FEATURE_SELECT -> driverFeatureSelect;
            case DRIVER_FEATURE -> featureWord(driverFeatures, driverFeatureSelect);
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
            case DEVICE_FEATURE_SELECT -> deviceFeatureSelect = word;
            case DRIVER_FEATURE_SELECT -> driverFeatureSelect = word;
            case DRIVER_FEATURE -> writeDriverFeatures(word);
            case CONFIG_MSIX_VECTOR -> interrupt.setConfigVector(word & 0xffff);
            case DEVICE_STATUS -> writeStatus(word & 0xff);
            case QUEUE_SELECT -> writeQueueSelect(word & 0xffff);
            default -> writeQueueField(offset, word);
        }
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

    private void writeDriverFeatures(int word) {
        // virtio 1.2 §3.1.1: features are fixed once FEATURES_OK is set
        if (status.has(STATUS_FEATURES_OK) || driverFeatureSelect > 1) {
            return;
        }
        int shift = 32 * driverFeatureSelect;
        driverFeatures = driverFeatures & ~(0xffff_ffffL << shift) | Integer.toUnsignedLong(word) << shift;
    }

    private void writeStatus(int value) {
        if (value == 0) {
            reset();
            return;
        }
        int old = status.get();
        int next = value;
        if ((next & STATUS_FEATURES_OK) != 0 && (old & STATUS_FEATURES_OK) == 0 && !acceptFeatures()) {
            next &= ~STATUS_FEATURES_OK;
        }
        boolean featuresOk = ((old | next) & STATUS_FEATURES_OK) != 0;
        if ((next & STATUS_DRIVER_OK) != 0 && (old & STATUS_DRIVER_OK) == 0) {
            if (featuresOk && memory != null) {
                activate();
            } else {
                // virtio 1.2 §3.1.1: DRIVER_OK only after FEATURES_OK
                next &= ~STATUS_DRIVER_OK;
            }
        }
        status.add(next);
    }

    /** FEATURES_OK (§2.2.1): only offered bits, and VERSION_1 for a modern device (§6.1). */
    private boolean acceptFeatures() {
        long unoffered = driverFeatures & ~offeredFeatures;
        if (unoffered != 0 || (driverFeatures & 1L << VirtioIds.F_VERSION_1) == 0) {
            LOG.debug("FEATURES_OK refused: driver features 0x{} (not offered 0x{}), offered 0x{}",
                    Long.toHexString(driverFeatures), Long.toHexString(unoffered), Long.toHexString(offeredFeatures));
            return false;
        }
        negotiatedFeatures = driverFeatures;
        device.driverFeatures(negotiatedFeatures);
        return true;
    }

    private void activate() {
        for (QueueRegisters queue : queues) {
            if (queue.enabled) {
                queue.queue.attach(newRing(queue));
            }
        }
        device.activate(new ActivationContext(memory, deviceQueues, interrupt, negotiatedFeatures));
        active = true;
    }

    /** Device reset (§2.1.1): the device first, then every transport register but config_generation. */
    private void reset() {
        active = false;
        device.reset();
        status.clear();
        deviceFeatureSelect = 0;
        driverFeatureSelect = 0;
        driverFeatures = 0;
        negotiatedFeatures = 0;
        queueSelect = 0;
        for (QueueRegisters queue : queues) {
            queue.reset();
        }
        interrupt.reset();
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
            queue.queue.attach(newRing(queue));
        }
    }

    private void writeQueueReset(QueueRegisters queue, int value) {
        // virtio 1.2 §4.1.4.3.1: queue_reset exists only with VIRTIO_F_RING_RESET
        if (value == 1 && (negotiatedFeatures & 1L << VirtioIds.F_RING_RESET) != 0) {
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

    private SplitVirtQueue newRing(QueueRegisters queue) {
        return new SplitVirtQueue(memory, queue.index, queue.size, queue.desc, queue.driver, queue.device,
                negotiatedFeatures, interrupt);
    }

    private QueueRegisters selectedQueue() {
        return queueSelect < queues.length ? queues[queueSelect] : null;
    }

    private static long featureWord(long features, int select) {
        return select == 0 ? features & 0xffff_ffffL : select == 1 ? features >>> 32 : 0;
    }
}
