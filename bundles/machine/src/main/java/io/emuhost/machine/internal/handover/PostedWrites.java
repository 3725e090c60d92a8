package io.emuhost.machine.internal.handover;

/**
 * The writes a function received while its device was being handed over, in arrival order, to
 * be replayed into the restored function. Like a bridge's posted-write buffer it is bounded:
 * when it is full the writer has to wait. Fixed arrays, nothing allocated per write.
 */
final class PostedWrites {

    /** Where {@link #replay} sends the writes. */
    @FunctionalInterface
    interface Target {
        void write(int space, long offset, int size, long value);
    }

    private final int[] spaces;
    private final long[] offsets;
    private final int[] sizes;
    private final long[] values;
    private int count;

    PostedWrites(int capacity) {
        spaces = new int[capacity];
        offsets = new long[capacity];
        sizes = new int[capacity];
        values = new long[capacity];
    }

    /**
     * Queues a write.
     *
     * @param space a BAR index, or {@link HandoverFunction#CONFIG_SPACE}
     * @return false if the buffer is full
     */
    synchronized boolean offer(int space, long offset, int size, long value) {
        if (count == spaces.length) {
            return false;
        }
        spaces[count] = space;
        offsets[count] = offset;
        sizes[count] = size;
        values[count] = value;
        count++;
        return true;
    }

    /** Sends every queued write to the target, oldest first, and empties the buffer. */
    synchronized void replay(Target target) {
        for (int i = 0; i < count; i++) {
            target.write(spaces[i], offsets[i], sizes[i], values[i]);
        }
        count = 0;
    }

    /** Drops the queued writes; returns how many there were. */
    synchronized int clear() {
        int dropped = count;
        count = 0;
        return dropped;
    }
}
