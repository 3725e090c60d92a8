package io.emuhost.virtio.split.internal;

/**
 * Where the device side of a split virtqueue stands (virtio 1.2 §2.7): the next available entry
 * it will take, the next used entry it will write, and the used index of the last notification
 * (for VIRTIO_F_EVENT_IDX, §2.7.10). A queue resumed at a position continues exactly there.
 *
 * @param lastAvailIdx the avail ring index of the next chain to pop, modulo 2^16
 * @param usedIdx the device's used->idx, modulo 2^16
 * @param signalledUsed used->idx at the last notification decision
 * @param signalledUsedValid false until the first notification decision
 */
public record RingPosition(int lastAvailIdx, int usedIdx, int signalledUsed, boolean signalledUsedValid) {

    /** The position of a queue the driver just enabled. */
    public static final RingPosition START = new RingPosition(0, 0, 0, false);
}
