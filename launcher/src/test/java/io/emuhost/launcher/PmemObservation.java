package io.emuhost.launcher;

import java.util.Arrays;
import java.util.List;

/**
 * What the qtest script saw of one virtio-pmem-pci function.
 *
 * @param config configuration space 0x00..0x97 before the script changed anything
 * @param caps the capability chain from the capabilities pointer
 * @param deviceFeatures the 64-bit device_feature
 * @param deviceConfig the 16 bytes of the device configuration (start, size)
 * @param statusAfterFeaturesOk device_status read back after FEATURES_OK
 * @param flushRet virtio_pmem_resp.ret
 * @param usedId the used element's id
 * @param usedLen the used element's len
 * @param isr the ISR read after the completion
 * @param irqLines the IRQ lines received, in order
 */
record PmemObservation(byte[] config, List<PciCap> caps, long deviceFeatures, byte[] deviceConfig,
        int statusAfterFeaturesOk, long flushRet, long usedId, long usedLen, int isr, List<String> irqLines) {

    /** Configuration bytes that firmware state, not the device, decides: command, BAR4/5, interrupt line. */
    static boolean firmwareOwned(int offset) {
        return offset == 0x04 || offset == 0x05 || offset >= 0x20 && offset < 0x28 || offset == 0x3c;
    }

    /** The configuration bytes with the firmware-owned ones zeroed, for comparison. */
    byte[] identity() {
        byte[] copy = Arrays.copyOf(config, config.length);
        for (int i = 0; i < copy.length; i++) {
            if (firmwareOwned(i)) {
                copy[i] = 0;
            }
        }
        return copy;
    }
}
