package io.emuhost.virtio.pci.internal;

import io.emuhost.api.virtio.VirtioIds;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The device status field (virtio 1.2 §2.1) and config_generation (§4.1.4.3). Written by the
 * driver through the common configuration and, for DEVICE_NEEDS_RESET, by the device from any
 * thread; hence atomics rather than the register lock.
 */
final class DeviceStatus {

    private final AtomicInteger status = new AtomicInteger();
    private final AtomicInteger generation = new AtomicInteger();

    int get() {
        return status.get();
    }

    boolean has(int bit) {
        return (status.get() & bit) != 0;
    }

    /** Adds bits; the driver cannot clear status bits except by writing 0 (§2.1.1). */
    void add(int bits) {
        status.getAndAccumulate(bits, (current, added) -> current | added);
    }

    /** Takes over a saved status and generation (live upgrade). */
    void restore(int savedStatus, int savedGeneration) {
        status.set(savedStatus);
        generation.set(savedGeneration);
    }

    void clear() {
        status.set(0);
    }

    int generation() {
        return generation.get() & 0xff;
    }

    void changeGeneration() {
        generation.incrementAndGet();
    }

    boolean isDriverOk() {
        return has(VirtioIds.STATUS_DRIVER_OK);
    }

    boolean needsReset() {
        return has(VirtioIds.STATUS_DEVICE_NEEDS_RESET);
    }
}
