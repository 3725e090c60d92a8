package io.emuhost.testkit.virtqueue;

/**
 * One buffer of a descriptor chain, as the driver offers it.
 *
 * @param addr guest physical address
 * @param len length in bytes (unsigned 32-bit)
 * @param writable true for a device-writable buffer (VIRTQ_DESC_F_WRITE)
 */
public record Buffer(long addr, int len, boolean writable) {

    /**
     * A device-readable buffer (driver to device).
     *
     * @param addr guest physical address
     * @param len length in bytes
     * @return the buffer
     */
    public static Buffer readable(long addr, int len) {
        return new Buffer(addr, len, false);
    }

    /**
     * A device-writable buffer (device to driver).
     *
     * @param addr guest physical address
     * @param len length in bytes
     * @return the buffer
     */
    public static Buffer writable(long addr, int len) {
        return new Buffer(addr, len, true);
    }
}
