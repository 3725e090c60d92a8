package io.emuhost.testkit.virtqueue;

/**
 * The split virtqueue layout (virtio 1.2 §2.7), little-endian:
 *
 * <table>
 *   <caption>Split ring parts</caption>
 *   <tr><th>part</th><th>alignment</th><th>size</th><th>fields</th></tr>
 *   <tr><td>descriptor table</td><td>16</td><td>16·n</td>
 *       <td>n × {le64 addr; le32 len; le16 flags; le16 next}</td></tr>
 *   <tr><td>available ring</td><td>2</td><td>6 + 2·n</td>
 *       <td>le16 flags; le16 idx; le16 ring[n]; le16 used_event</td></tr>
 *   <tr><td>used ring</td><td>4</td><td>6 + 8·n</td>
 *       <td>le16 flags; le16 idx; n × {le32 id; le32 len}; le16 avail_event</td></tr>
 * </table>
 */
public final class SplitRing {

    /** The largest queue size of a split virtqueue (virtio 1.2 §2.7). */
    public static final int MAX_QUEUE_SIZE = 32768;

    /** Bytes per descriptor (§2.7.5). */
    public static final int DESC_SIZE = 16;
    /** Offset of {@code addr} in a descriptor. */
    public static final int DESC_ADDR = 0;
    /** Offset of {@code len} in a descriptor. */
    public static final int DESC_LEN = 8;
    /** Offset of {@code flags} in a descriptor. */
    public static final int DESC_FLAGS = 12;
    /** Offset of {@code next} in a descriptor. */
    public static final int DESC_NEXT = 14;

    /** VIRTQ_DESC_F_NEXT: the chain continues in {@code next} (§2.7.5). */
    public static final int F_NEXT = 1;
    /** VIRTQ_DESC_F_WRITE: the buffer is device-writable (§2.7.5). */
    public static final int F_WRITE = 2;
    /** VIRTQ_DESC_F_INDIRECT: the buffer holds a descriptor table (§2.7.5.3). */
    public static final int F_INDIRECT = 4;

    /** Offset of {@code flags} in the available ring (§2.7.6). */
    public static final int AVAIL_FLAGS = 0;
    /** Offset of {@code idx} in the available ring. */
    public static final int AVAIL_IDX = 2;
    /** Offset of {@code ring[0]} in the available ring. */
    public static final int AVAIL_RING = 4;
    /** VIRTQ_AVAIL_F_NO_INTERRUPT (§2.7.6). */
    public static final int AVAIL_F_NO_INTERRUPT = 1;

    /** Offset of {@code flags} in the used ring (§2.7.8). */
    public static final int USED_FLAGS = 0;
    /** Offset of {@code idx} in the used ring. */
    public static final int USED_IDX = 2;
    /** Offset of {@code ring[0]} in the used ring. */
    public static final int USED_RING = 4;
    /** Bytes per used element {@code {le32 id; le32 len}}. */
    public static final int USED_ELEM_SIZE = 8;
    /** VIRTQ_USED_F_NO_NOTIFY (§2.7.8). */
    public static final int USED_F_NO_NOTIFY = 1;

    /** Alignment of the descriptor table (§2.7). */
    public static final int DESC_ALIGN = 16;
    /** Alignment of the available ring (§2.7). */
    public static final int AVAIL_ALIGN = 2;
    /** Alignment of the used ring (§2.7). */
    public static final int USED_ALIGN = 4;

    private SplitRing() {
    }

    /**
     * The size of a descriptor table.
     *
     * @param queueSize number of descriptors
     * @return bytes
     */
    public static int descTableSize(int queueSize) {
        return DESC_SIZE * queueSize;
    }

    /**
     * The size of an available ring, {@code used_event} included.
     *
     * @param queueSize queue size
     * @return bytes
     */
    public static int availRingSize(int queueSize) {
        return AVAIL_RING + 2 * queueSize + 2;
    }

    /**
     * The size of a used ring, {@code avail_event} included.
     *
     * @param queueSize queue size
     * @return bytes
     */
    public static int usedRingSize(int queueSize) {
        return USED_RING + USED_ELEM_SIZE * queueSize + 2;
    }

    /**
     * The offset of {@code used_event} in the available ring (§2.7.10).
     *
     * @param queueSize queue size
     * @return byte offset
     */
    public static int usedEventOffset(int queueSize) {
        return AVAIL_RING + 2 * queueSize;
    }

    /**
     * The offset of {@code avail_event} in the used ring (§2.7.10).
     *
     * @param queueSize queue size
     * @return byte offset
     */
    public static int availEventOffset(int queueSize) {
        return USED_RING + USED_ELEM_SIZE * queueSize;
    }

    /**
     * vring_need_event (§2.7.10): whether moving an index from {@code oldIdx} to {@code newIdx}
     * passes the other side's event index, all modulo 2^16.
     *
     * @param eventIdx the event index the other side published
     * @param newIdx the index after the update
     * @param oldIdx the index before the update
     * @return true if a notification is needed
     */
    public static boolean needEvent(int eventIdx, int newIdx, int oldIdx) {
        return ((newIdx - eventIdx - 1) & 0xffff) < ((newIdx - oldIdx) & 0xffff);
    }
}
