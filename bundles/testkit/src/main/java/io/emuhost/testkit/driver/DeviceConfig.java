package io.emuhost.testkit.driver;

import io.emuhost.api.bus.GuestBus;

/**
 * Reads of a virtio-pci device configuration structure (virtio 1.2 §4.1.4.6), each retried until
 * config_generation reads the same before and after (§2.5.1, Linux's virtio_cread). A 64-bit
 * field is read as two 32-bit halves, low first, as Linux's vp_get does.
 */
public final class DeviceConfig {

    private final GuestBus bus;
    private final long common;
    private final long base;

    DeviceConfig(GuestBus bus, long common, long base) {
        this.bus = bus;
        this.common = common;
        this.base = base;
    }

    /**
     * The configuration generation counter.
     *
     * @return config_generation
     */
    public int generation() {
        return (int) bus.read(common + CommonCfg.CONFIG_GENERATION, 1);
    }

    /**
     * Reads an 8-bit field.
     *
     * @param offset offset in the structure
     * @return the value
     */
    public int read8(int offset) {
        return (int) read(offset, 1);
    }

    /**
     * Reads a 16-bit field.
     *
     * @param offset offset in the structure
     * @return the value
     */
    public int read16(int offset) {
        return (int) read(offset, 2);
    }

    /**
     * Reads a 32-bit field.
     *
     * @param offset offset in the structure
     * @return the value
     */
    public int read32(int offset) {
        return (int) read(offset, 4);
    }

    /**
     * Reads a 64-bit field.
     *
     * @param offset offset in the structure
     * @return the value
     */
    public long read64(int offset) {
        return read(offset, 8);
    }

    private long read(int offset, int size) {
        long value;
        int before;
        do {
            before = generation();
            value = size == 8
                    ? bus.read(base + offset, 4) | bus.read(base + offset + 4, 4) << 32
                    : bus.read(base + offset, size);
        } while (generation() != before);
        return value;
    }
}
