package io.emuhost.virtio.pci.internal;

/**
 * Builds configuration space from 0x40 the way QEMU's pci_add_capability does: each capability
 * takes the first free bytes and is prepended to the list, so the last one added comes first.
 * Also records which bytes the driver may write.
 */
final class CapabilityList {

    /** Conventional PCI configuration space; the capabilities live in 0x40..0xff. */
    static final int CONFIG_SIZE = 0x100;
    static final int FIRST_CAPABILITY = 0x40;

    private final byte[] bytes = new byte[CONFIG_SIZE];
    private final byte[] writable = new byte[CONFIG_SIZE];
    private int head;
    private int free = FIRST_CAPABILITY;

    /**
     * Adds a capability.
     *
     * @param id the capability id
     * @param length its length in bytes
     * @return its offset
     */
    int add(int id, int length) {
        if (free + length > CONFIG_SIZE) {
            throw new IllegalStateException("configuration space full at 0x" + Integer.toHexString(free));
        }
        int offset = free;
        bytes[offset] = (byte) id;
        bytes[offset + 1] = (byte) head;
        head = offset;
        free += length;
        return offset;
    }

    void put8(int offset, int value) {
        bytes[offset] = (byte) value;
    }

    void put16(int offset, int value) {
        put8(offset, value);
        put8(offset + 1, value >>> 8);
    }

    void put32(int offset, long value) {
        put16(offset, (int) value);
        put16(offset + 2, (int) (value >>> 16));
    }

    void allowWrite(int offset, int length, int bitMask) {
        for (int i = 0; i < length; i++) {
            writable[offset + i] = (byte) bitMask;
        }
    }

    int head() {
        return head;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    byte[] writeMask() {
        return writable.clone();
    }
}
