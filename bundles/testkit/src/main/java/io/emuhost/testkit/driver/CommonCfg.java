package io.emuhost.testkit.driver;

/**
 * The common configuration structure (virtio 1.2 §4.1.4.3), little-endian:
 *
 * <table>
 *   <caption>struct virtio_pci_common_cfg</caption>
 *   <tr><th>offset</th><th>type</th><th>field</th></tr>
 *   <tr><td>0x00</td><td>le32</td><td>device_feature_select</td></tr>
 *   <tr><td>0x04</td><td>le32</td><td>device_feature (RO)</td></tr>
 *   <tr><td>0x08</td><td>le32</td><td>driver_feature_select</td></tr>
 *   <tr><td>0x0c</td><td>le32</td><td>driver_feature</td></tr>
 *   <tr><td>0x10</td><td>le16</td><td>config_msix_vector</td></tr>
 *   <tr><td>0x12</td><td>le16</td><td>num_queues (RO)</td></tr>
 *   <tr><td>0x14</td><td>u8</td><td>device_status</td></tr>
 *   <tr><td>0x15</td><td>u8</td><td>config_generation (RO)</td></tr>
 *   <tr><td>0x16</td><td>le16</td><td>queue_select</td></tr>
 *   <tr><td>0x18</td><td>le16</td><td>queue_size</td></tr>
 *   <tr><td>0x1a</td><td>le16</td><td>queue_msix_vector</td></tr>
 *   <tr><td>0x1c</td><td>le16</td><td>queue_enable</td></tr>
 *   <tr><td>0x1e</td><td>le16</td><td>queue_notify_off (RO)</td></tr>
 *   <tr><td>0x20</td><td>le64</td><td>queue_desc</td></tr>
 *   <tr><td>0x28</td><td>le64</td><td>queue_driver</td></tr>
 *   <tr><td>0x30</td><td>le64</td><td>queue_device</td></tr>
 * </table>
 */
public final class CommonCfg {

    /** device_feature_select. */
    public static final int DEVICE_FEATURE_SELECT = 0x00;
    /** device_feature. */
    public static final int DEVICE_FEATURE = 0x04;
    /** driver_feature_select. */
    public static final int DRIVER_FEATURE_SELECT = 0x08;
    /** driver_feature. */
    public static final int DRIVER_FEATURE = 0x0c;
    /** config_msix_vector. */
    public static final int CONFIG_MSIX_VECTOR = 0x10;
    /** num_queues. */
    public static final int NUM_QUEUES = 0x12;
    /** device_status. */
    public static final int DEVICE_STATUS = 0x14;
    /** config_generation. */
    public static final int CONFIG_GENERATION = 0x15;
    /** queue_select. */
    public static final int QUEUE_SELECT = 0x16;
    /** queue_size. */
    public static final int QUEUE_SIZE = 0x18;
    /** queue_msix_vector. */
    public static final int QUEUE_MSIX_VECTOR = 0x1a;
    /** queue_enable. */
    public static final int QUEUE_ENABLE = 0x1c;
    /** queue_notify_off. */
    public static final int QUEUE_NOTIFY_OFF = 0x1e;
    /** queue_desc. */
    public static final int QUEUE_DESC = 0x20;
    /** queue_driver (the available ring). */
    public static final int QUEUE_DRIVER = 0x28;
    /** queue_device (the used ring). */
    public static final int QUEUE_DEVICE = 0x30;

    /** VIRTIO_MSI_NO_VECTOR (virtio 1.2 §4.1.5.1.2). */
    public static final int NO_VECTOR = 0xffff;

    /** ISR bit: a used-buffer notification (virtio 1.2 §4.1.4.5). */
    public static final int ISR_QUEUE = 0x1;
    /** ISR bit: a configuration change notification (virtio 1.2 §4.1.4.5). */
    public static final int ISR_CONFIG = 0x2;

    private CommonCfg() {
    }
}
