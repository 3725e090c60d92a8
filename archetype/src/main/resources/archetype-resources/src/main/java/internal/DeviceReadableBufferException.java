package ${package}.internal;

/**
 * A request chain holds device-readable buffers, which virtio 1.2 §5.4.6.1 forbids: the driver
 * MUST NOT place driver-readable buffers into the entropy device's queue.
 */
public final class DeviceReadableBufferException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int head;
    private final long readableLength;

    /**
     * Creates the exception.
     *
     * @param head the chain's head descriptor index
     * @param readableLength the total length of its device-readable buffers
     */
    public DeviceReadableBufferException(int head, long readableLength) {
        super("request chain " + head + " has " + readableLength + " device-readable bytes (virtio 1.2 §5.4.6.1)");
        this.head = head;
        this.readableLength = readableLength;
    }

    /** @return the chain's head descriptor index */
    public int head() {
        return head;
    }

    /** @return the total length of the chain's device-readable buffers */
    public long readableLength() {
        return readableLength;
    }
}
