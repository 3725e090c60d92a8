package io.emuhost.api.virtio;

/** Numbers from the virtio 1.2 specification that devices and transports share. */
public final class VirtioIds {

    /** Entropy source (virtio 1.2 §5.4). */
    public static final int DEVICE_ID_ENTROPY = 4;
    /** PMEM device (virtio 1.2 §5.19). */
    public static final int DEVICE_ID_PMEM = 27;

    /** VIRTIO_F_INDIRECT_DESC (§6). */
    public static final int F_INDIRECT_DESC = 28;
    /** VIRTIO_F_EVENT_IDX (§6). */
    public static final int F_EVENT_IDX = 29;
    /** VIRTIO_F_VERSION_1 (§6). */
    public static final int F_VERSION_1 = 32;
    /** VIRTIO_F_ACCESS_PLATFORM (§6). */
    public static final int F_ACCESS_PLATFORM = 33;
    /** VIRTIO_F_RING_PACKED (§6). */
    public static final int F_RING_PACKED = 34;
    /** VIRTIO_F_RING_RESET (§6). */
    public static final int F_RING_RESET = 40;

    /** Device status bit ACKNOWLEDGE (§2.1). */
    public static final int STATUS_ACKNOWLEDGE = 1;
    /** Device status bit DRIVER (§2.1). */
    public static final int STATUS_DRIVER = 2;
    /** Device status bit DRIVER_OK (§2.1). */
    public static final int STATUS_DRIVER_OK = 4;
    /** Device status bit FEATURES_OK (§2.1). */
    public static final int STATUS_FEATURES_OK = 8;
    /** Device status bit DEVICE_NEEDS_RESET (§2.1). */
    public static final int STATUS_DEVICE_NEEDS_RESET = 0x40;
    /** Device status bit FAILED (§2.1). */
    public static final int STATUS_FAILED = 0x80;

    private VirtioIds() {
    }
}
