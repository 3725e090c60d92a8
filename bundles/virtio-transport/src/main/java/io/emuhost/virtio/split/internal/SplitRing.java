package io.emuhost.virtio.split.internal;

/**
 * The split virtqueue layout (virtio 1.2 §2.7): field offsets, flag bits and the event-index
 * test. All fields are little-endian.
 *
 * <pre>
 * struct virtq_desc  { le64 addr; le32 len; le16 flags; le16 next; }               16 bytes
 * struct virtq_avail { le16 flags; le16 idx; le16 ring[size]; le16 used_event; }
 * struct virtq_used  { le16 flags; le16 idx; struct { le32 id; le32 len; } ring[size]; le16 avail_event; }
 * </pre>
 */
final class SplitRing {

    /** The largest queue size (§2.7). */
    static final int MAX_QUEUE_SIZE = 32768;

    static final int DESC_SIZE = 16;
    static final int DESC_ADDR = 0;
    static final int DESC_LEN = 8;
    static final int DESC_FLAGS = 12;
    static final int DESC_NEXT = 14;

    static final int VIRTQ_DESC_F_NEXT = 1;
    static final int VIRTQ_DESC_F_WRITE = 2;
    static final int VIRTQ_DESC_F_INDIRECT = 4;

    static final int AVAIL_FLAGS = 0;
    static final int AVAIL_IDX = 2;
    static final int AVAIL_RING = 4;
    static final int VIRTQ_AVAIL_F_NO_INTERRUPT = 1;

    static final int USED_IDX = 2;
    static final int USED_RING = 4;
    static final int USED_ELEM_SIZE = 8;

    /** The largest chain total length plus one: chains must stay below 2^32 bytes (§2.7.5.2). */
    static final long TOTAL_LENGTH_LIMIT = 1L << 32;

    private SplitRing() {
    }

    /** The address of avail->used_event, right after the avail ring entries. */
    static long usedEventAddress(long availRing, int size) {
        return availRing + AVAIL_RING + 2L * size;
    }

    /** The address of used->avail_event, right after the used ring entries. */
    static long availEventAddress(long usedRing, int size) {
        return usedRing + USED_RING + (long) USED_ELEM_SIZE * size;
    }
}
