package io.emuhost.testkit.driver;

/**
 * A virtio PCI capability (virtio 1.2 §4.1.4): which structure lies where in which BAR.
 *
 * @param cfgType the structure type ({@link VirtioPciLayout#COMMON_CFG} ...)
 * @param bar the BAR holding the structure
 * @param id the capability id (the shmid for shared memory)
 * @param offset the structure's offset in the BAR (64-bit for shared memory)
 * @param length the structure's length (64-bit for shared memory)
 * @param notifyOffMultiplier for a notification capability, the notify_off_multiplier; else 0
 * @param configOffset where the capability sits in configuration space
 */
public record VirtioPciCap(int cfgType, int bar, int id, long offset, long length, int notifyOffMultiplier,
        int configOffset) {
}
