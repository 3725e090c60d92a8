package io.emuhost.virtio.pmem.internal;

import io.emuhost.api.bus.PciBar;
import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.bus.PciIdentity;
import io.emuhost.api.bus.PciSlot;
import io.emuhost.api.device.Properties;
import io.emuhost.api.device.PropertySpec;
import io.emuhost.api.device.PropertyType;
import io.emuhost.api.virtio.VirtioDevice;
import io.emuhost.api.virtio.VirtioTransport;
import java.util.List;
import java.util.Optional;

/** A {@link VirtioTransport} that remembers the device it wrapped and returns an inert function. */
final class FakeTransport implements VirtioTransport {

    static final PropertySpec EVENT_IDX =
            new PropertySpec("event_idx", PropertyType.BOOL, Optional.of("on"), "VIRTIO_F_EVENT_IDX");

    VirtioDevice wrapped;
    final PciFunction function = new InertFunction();

    @Override
    public List<PropertySpec> properties() {
        return List.of(EVENT_IDX);
    }

    @Override
    public PciFunction wrap(VirtioDevice device, Properties properties) {
        wrapped = device;
        return function;
    }

    private static final class InertFunction implements PciFunction {

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
        }
    }
}
