package io.emuhost.virtio.pci.internal;

import io.emuhost.api.state.DeviceState;
import io.emuhost.api.state.StateException;
import io.emuhost.virtio.split.internal.RingPosition;
import io.emuhost.virtio.split.internal.SplitVirtQueue;

/**
 * One virtqueue's fields of the common configuration (virtio 1.2 §4.1.4.3) and the queue the
 * device sees. Fields other than {@link #msixVector} are guarded by the common configuration's
 * lock; the vector is read by the interrupt path without it.
 */
final class QueueRegisters {

    final int index;
    final int maxSize;
    /** The device's queue for this index, attached while the driver has the ring enabled. */
    final SplitVirtQueue queue;
    int size;
    boolean enabled;
    long desc;
    long driver;
    long device;
    volatile int msixVector = VirtioPciInterrupt.NO_VECTOR;

    QueueRegisters(int index, int maxSize, SplitVirtQueue queue) {
        this.index = index;
        this.maxSize = maxSize;
        this.queue = queue;
        this.size = maxSize;
    }

    /**
     * Saves the registers, and the ring position if the ring is attached.
     *
     * @param state where the fields go
     * @param position the attached ring's position, or null
     */
    void save(DeviceState.Builder state, RingPosition position) {
        String prefix = prefix();
        state.put(prefix + "size", size);
        state.put(prefix + "enabled", enabled);
        state.put(prefix + "desc", desc);
        state.put(prefix + "driver", driver);
        state.put(prefix + "device", device);
        state.put(prefix + "msix-vector", msixVector);
        state.put(prefix + "attached", position != null);
        if (position != null) {
            state.put(prefix + "last-avail-idx", position.lastAvailIdx());
            state.put(prefix + "used-idx", position.usedIdx());
            state.put(prefix + "signalled-used", position.signalledUsed());
            state.put(prefix + "signalled-used-valid", position.signalledUsedValid());
        }
    }

    /**
     * Takes over saved registers.
     *
     * @param state the saved state
     * @return the saved ring position, or null if the ring was not attached
     * @throws StateException if a field is missing or out of range
     */
    RingPosition restore(DeviceState state) throws StateException {
        String prefix = prefix();
        int savedSize = (int) state.longValue(prefix + "size", 0, maxSize);
        // virtio 1.2 §2.7: a split queue's size is a power of 2
        if (Integer.bitCount(savedSize) != 1) {
            throw new StateException.OutOfRange(prefix + "size", savedSize, 1, maxSize);
        }
        size = savedSize;
        enabled = state.bool(prefix + "enabled");
        desc = state.longValue(prefix + "desc");
        driver = state.longValue(prefix + "driver");
        device = state.longValue(prefix + "device");
        msixVector = (int) state.longValue(prefix + "msix-vector", 0, VirtioPciInterrupt.NO_VECTOR);
        if (!state.bool(prefix + "attached")) {
            return null;
        }
        return new RingPosition((int) state.longValue(prefix + "last-avail-idx", 0, 0xffff),
                (int) state.longValue(prefix + "used-idx", 0, 0xffff),
                (int) state.longValue(prefix + "signalled-used", 0, 0xffff),
                state.bool(prefix + "signalled-used-valid"));
    }

    private String prefix() {
        return "virtio-pci.queue." + index + ".";
    }

    /** Back to the state after a device or queue reset (§2.6.1, §4.1.4.3.1). */
    void reset() {
        queue.detach();
        size = maxSize;
        enabled = false;
        desc = 0;
        driver = 0;
        device = 0;
        msixVector = VirtioPciInterrupt.NO_VECTOR;
    }
}
