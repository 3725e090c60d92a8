package io.emuhost.qtest.internal;

import io.emuhost.api.bus.GuestBus;
import io.emuhost.api.bus.PciFunction;
import io.emuhost.api.device.Device;
import io.emuhost.api.device.MemoryDeviceInfo;
import io.emuhost.api.device.UserObject;
import io.emuhost.api.irq.InterruptEvents;
import io.emuhost.api.machine.FactoryBinding;
import io.emuhost.api.machine.Frontend;
import io.emuhost.api.machine.Machine;
import io.emuhost.api.machine.PciDeviceInfo;
import io.emuhost.api.memory.MemdevInfo;
import io.emuhost.api.memory.RamSection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What qtest uses of a machine, in memory: the {@link FakeBus} and one device, {@value #DEVICE_ID},
 * for the QOM paths {@code irq_intercept_*} resolves. The registry operations qtest never calls
 * throw.
 */
final class FakeMachine implements Machine {

    /** The one device's id. */
    static final String DEVICE_ID = "nv1";

    /** A stand-in whose presence is all qtest looks at. */
    private static final Device DEVICE = new Device() {
        @Override
        public String driver() {
            return "virtio-pmem-pci";
        }

        @Override
        public PciFunction pciFunction() {
            throw unused();
        }

        @Override
        public Optional<MemoryDeviceInfo> memoryDevice() {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    };

    final FakeBus bus = new FakeBus();

    @Override
    public GuestBus bus() {
        return bus;
    }

    @Override
    public InterruptEvents interrupts() {
        return bus;
    }

    @Override
    public Optional<Device> device(String id) {
        return id.equals(DEVICE_ID) ? Optional.of(DEVICE) : Optional.empty();
    }

    @Override
    public UserObject addObject(String type, Map<String, ?> properties, Frontend frontend) {
        throw unused();
    }

    @Override
    public Device addDevice(String driver, Map<String, ?> properties, Frontend frontend) {
        throw unused();
    }

    @Override
    public void deleteDevice(String id) {
        throw unused();
    }

    @Override
    public void setDeviceProperties(String id, Map<String, ?> properties, Frontend frontend) {
        throw unused();
    }

    @Override
    public void resetDevice(String id) {
        throw unused();
    }

    @Override
    public void deleteObject(String id) {
        throw unused();
    }

    @Override
    public Optional<UserObject> object(String id) {
        throw unused();
    }

    @Override
    public List<MemoryDeviceInfo> memoryDevices() {
        throw unused();
    }

    @Override
    public List<MemdevInfo> memdevs() {
        throw unused();
    }

    @Override
    public List<PciDeviceInfo> pciDevices() {
        throw unused();
    }

    @Override
    public long ramSize() {
        return FakeBus.RAM_SIZE;
    }

    @Override
    public int readPciConfig(int bus, int devfn, int offset, int size) {
        throw unused();
    }

    @Override
    public void writePciConfig(int bus, int devfn, int offset, int size, int value) {
        throw unused();
    }

    @Override
    public void replaceSystemRam(List<RamSection> sections) {
        throw unused();
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("qtest does not use this");
    }

    @Override
    public List<FactoryBinding> factoryBindings() {
        return List.of();
    }

    @Override
    public void requestShutdown(String cause) {
        throw unused();
    }
}
