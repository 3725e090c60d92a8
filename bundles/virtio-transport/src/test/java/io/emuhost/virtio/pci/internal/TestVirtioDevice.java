package io.emuhost.virtio.pci.internal;

import io.emuhost.api.virtio.ActivationContext;
import io.emuhost.api.virtio.SharedMemoryRegion;
import io.emuhost.api.virtio.VirtioDevice;
import java.util.ArrayList;
import java.util.List;

/** A virtio device that records what the transport asks of it. Config: 16 bytes 0x00, 0x01, ... 0x0f. */
final class TestVirtioDevice implements VirtioDevice {

    static final int CONFIG_SIZE = 16;

    private final int deviceId;
    private final long features;
    private final int[] queueMaxSizes;
    private final List<SharedMemoryRegion> regions;
    final byte[] config = new byte[CONFIG_SIZE];
    final List<Long> driverFeatures = new ArrayList<>();
    final List<ActivationContext> activations = new ArrayList<>();
    final List<Integer> notifiedQueues = new ArrayList<>();
    int resets;
    /** "quiesce" and "reset" in the order the transport called them. */
    final List<String> lifecycle = new ArrayList<>();
    /** Whether {@link #quiesce()} succeeds. */
    boolean quiescable = true;
    int quiesces;

    TestVirtioDevice(int deviceId, long features, List<SharedMemoryRegion> regions, int... queueMaxSizes) {
        this.deviceId = deviceId;
        this.features = features;
        this.queueMaxSizes = queueMaxSizes;
        this.regions = regions;
        for (int i = 0; i < CONFIG_SIZE; i++) {
            config[i] = (byte) i;
        }
    }

    static TestVirtioDevice pmemLike() {
        return new TestVirtioDevice(27, 0, List.of(), 128);
    }

    ActivationContext lastActivation() {
        return activations.get(activations.size() - 1);
    }

    @Override
    public int deviceId() {
        return deviceId;
    }

    @Override
    public long deviceFeatures() {
        return features;
    }

    @Override
    public int configSize() {
        return CONFIG_SIZE;
    }

    @Override
    public long readConfig(int offset, int size) {
        long value = 0;
        for (int i = size - 1; i >= 0; i--) {
            value = value << 8 | config[offset + i] & 0xff;
        }
        return value;
    }

    @Override
    public void writeConfig(int offset, int size, long value) {
        for (int i = 0; i < size; i++) {
            config[offset + i] = (byte) (value >>> 8 * i);
        }
    }

    @Override
    public int queueCount() {
        return queueMaxSizes.length;
    }

    @Override
    public int queueMaxSize(int index) {
        return queueMaxSizes[index];
    }

    @Override
    public List<SharedMemoryRegion> sharedMemoryRegions() {
        return regions;
    }

    @Override
    public void driverFeatures(long negotiated) {
        driverFeatures.add(negotiated);
    }

    @Override
    public void activate(ActivationContext context) {
        activations.add(context);
    }

    @Override
    public void queueNotify(int queueIndex) {
        notifiedQueues.add(queueIndex);
    }

    @Override
    public void reset() {
        resets++;
        lifecycle.add("reset");
    }

    @Override
    public boolean quiesce() {
        quiesces++;
        lifecycle.add("quiesce");
        return quiescable;
    }
}
