package io.emuhost.testkit.virtqueue;

/** A chain needs more free descriptors than the queue has (Linux's -ENOSPC). */
public final class DescriptorTableFull extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int wanted;
    private final int free;

    /**
     * Creates the exception.
     *
     * @param wanted descriptors the chain needs
     * @param free descriptors free now
     */
    public DescriptorTableFull(int wanted, int free) {
        super("chain needs " + wanted + " descriptors, " + free + " free");
        this.wanted = wanted;
        this.free = free;
    }

    /**
     * The descriptors the chain needs.
     *
     * @return count
     */
    public int wanted() {
        return wanted;
    }

    /**
     * The descriptors that were free.
     *
     * @return count
     */
    public int free() {
        return free;
    }
}
