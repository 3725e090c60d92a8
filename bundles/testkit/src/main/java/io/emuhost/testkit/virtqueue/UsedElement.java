package io.emuhost.testkit.virtqueue;

/**
 * One element the device put into the used ring (virtio 1.2 §2.7.8).
 *
 * @param id the head descriptor index of the returned chain
 * @param len the number of bytes the device wrote into the chain
 */
public record UsedElement(int id, int len) {
}
