package io.emuhost.testkit.device;

import io.emuhost.api.bus.PciBar;
import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.bus.PciIdentity;
import io.emuhost.api.bus.PciSlot;
import java.util.List;

/**
 * A PCI function with virtio-pmem's identity and no registers, which reports its unplug.
 *
 * @param onUnplug run at {@link #unplug()}
 */
public record InertPciFunction(Runnable onUnplug) implements PciFunction {

    /** A function whose unplug does nothing. */
    public InertPciFunction() {
        this(() -> { });
    }

    @Override
    public PciIdentity identity() {
        return new PciIdentity(0x1af4, 0x105b, 1, 0x00ff00, 0x1af4, 0x1100, 1);
    }

    @Override
    public List<PciBar> bars() {
        return List.of();
    }

    @Override
    public int capabilityPointer() {
        return 0;
    }

    @Override
    public int readConfig(int offset, int size) {
        return 0;
    }

    @Override
    public void writeConfig(int offset, int size, int value) {
    }

    @Override
    public void plug(PciSlot slot) {
    }

    @Override
    public void unplug() {
        onUnplug.run();
    }
}
