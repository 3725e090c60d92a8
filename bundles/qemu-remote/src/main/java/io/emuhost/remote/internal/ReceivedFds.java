package io.emuhost.remote.internal;

/**
 * The descriptors that arrived with one message (SCM_RIGHTS), owned here until a handler takes
 * them. Fixed capacity, so receiving allocates nothing; descriptors beyond it are closed at once
 * and remembered as an overflow, which makes the message invalid.
 */
final class ReceivedFds {

    /** Twice REMOTE_MAX_FDS: enough to see that a peer sent too many. */
    static final int CAPACITY = 2 * Wire.MAX_FDS;

    private final int[] fds = new int[CAPACITY];
    private int count;
    private boolean overflow;

    void add(int fd) {
        if (count < CAPACITY) {
            fds[count++] = fd;
        } else {
            LibC.closeQuietly(fd);
            overflow = true;
        }
    }

    void markOverflow() {
        overflow = true;
    }

    /**
     * How many descriptors arrived (num_fds).
     *
     * @return the count, including those lost to an overflow as at least {@link #CAPACITY}
     */
    int count() {
        return overflow ? Math.max(count, CAPACITY + 1) : count;
    }

    /**
     * Hands a descriptor over to the caller, who closes it from now on.
     *
     * @param index 0 ≤ index &lt; count
     * @return the descriptor, or -1 if it was taken before
     */
    int take(int index) {
        int fd = fds[index];
        fds[index] = -1;
        return fd;
    }

    /** Closes every descriptor nobody took and forgets them. */
    void closeAll() {
        for (int i = 0; i < count; i++) {
            LibC.closeQuietly(fds[i]);
            fds[i] = -1;
        }
        count = 0;
        overflow = false;
    }
}
