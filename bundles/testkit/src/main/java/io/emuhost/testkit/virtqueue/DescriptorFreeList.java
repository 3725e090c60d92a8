package io.emuhost.testkit.virtqueue;

/**
 * The driver's bookkeeping of a descriptor table (as Linux's vring free_head / num_free): which
 * descriptors are free, and for each chain this driver added, its length and links, so that a
 * used element gives its descriptors back. Descriptors are handed out last-freed first. Not
 * thread-safe: the driver thread only.
 */
final class DescriptorFreeList {

    private static final int NO_CHAIN = 0;

    private final int size;
    private final int[] free;
    private final int[] next;
    private final int[] chainLength;
    private int freeCount;

    /** @param size the queue size; every descriptor starts free, 0 first */
    DescriptorFreeList(int size) {
        this.size = size;
        this.free = new int[size];
        this.next = new int[size];
        this.chainLength = new int[size];
        for (int i = 0; i < size; i++) {
            free[i] = size - 1 - i;
        }
        this.freeCount = size;
    }

    /** @return how many descriptors are free */
    int freeCount() {
        return freeCount;
    }

    /** @return the descriptor {@link #take()} returns next; there must be one */
    int peek() {
        return free[freeCount - 1];
    }

    /** @return a free descriptor, now in use; there must be one */
    int take() {
        return free[--freeCount];
    }

    /** Records that descriptor {@code index} of a chain links to {@code following}. */
    void link(int index, int following) {
        next[index] = following;
    }

    /** Records a chain of {@code length} table descriptors (linked by {@link #link}) from its head. */
    void chain(int head, int length) {
        chainLength[head] = length;
    }

    /**
     * Frees the descriptors of the chain with this head; ids that are no head of a chain this
     * driver added (a device's bad used element) are ignored.
     *
     * @param head the id from a used element
     */
    void reclaim(int head) {
        if (head < 0 || head >= size || chainLength[head] == NO_CHAIN) {
            return;
        }
        int index = head;
        for (int i = chainLength[head]; i > 0; i--) {
            free[freeCount++] = index;
            index = next[index];
        }
        chainLength[head] = NO_CHAIN;
    }
}
